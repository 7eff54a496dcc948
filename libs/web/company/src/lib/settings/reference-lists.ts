import type { Language } from '@crm/web/i18n';

/** IANA time zones the browser knows, plus UTC (which Intl lists under its own name only). */
export const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone')];

/** ISO 4217 codes the browser knows. */
export const CURRENCIES: readonly string[] = Intl.supportedValuesOf('currency');

export interface CurrencyOption {
  code: string;
  label: string;
}

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** `RUB — Российский рубль` / `RUB — Russian Ruble`. */
export function currencyOptions(lang: Language): CurrencyOption[] {
  const names = new Intl.DisplayNames([lang], { type: 'currency' });
  return CURRENCIES.map((code) => ({ code, label: `${code} — ${capitalise(names.of(code) ?? code)}` }));
}

/** Options whose text contains every typed word, best (prefix) matches first, at most `limit`. */
export function filterOptions<T>(options: readonly T[], query: string, text: (option: T) => string, limit = 60): T[] {
  const words = query
    .trim()
    .toLocaleLowerCase()
    .split(/[\s/_]+/)
    .filter(Boolean);
  if (words.length === 0) return options.slice(0, limit);
  const matches = options.filter((option) => {
    const haystack = text(option).toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  const first = words[0];
  matches.sort(
    (a, b) =>
      Number(!text(a).toLocaleLowerCase().startsWith(first)) - Number(!text(b).toLocaleLowerCase().startsWith(first)),
  );
  return matches.slice(0, limit);
}
