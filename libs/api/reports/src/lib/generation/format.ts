/** Numbers, money and shares as sentences and PDF cells write them, in Russian and English. */
import type { ReportLanguage } from '@crm/shared/contracts';

const SYMBOLS: Record<string, string> = { RUB: '₽', USD: '$', EUR: '€' };

/** Roboto has no narrow no-break space: every space Intl puts in a number is an ordinary no-break space. */
const spaces = (text: string) => text.replace(/[\u202f\u2009]/g, '\u00a0');

/**
 * One formatter per language and number of digits, made once: a formatter holds ICU's native
 * memory until a major GC, and a PDF of 100,000 rows formats several numbers a row.
 */
const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, lang: ReportLanguage, digits = 0): string {
  const key = `${lang}:${digits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  return spaces(formatter.format(value));
}

/** `1 234 567,89 ₽` / `RUB 1,234,567.89`; the digits as the decimal string has them. */
export function formatMoney(value: string | number | null, currency: string, lang: ReportLanguage): string {
  if (value === null) return '—';
  const text = String(value);
  const digits = text.includes('.') ? text.split('.')[1].length : 0;
  const number = formatNumber(Number(text), lang, digits);
  if (lang === 'ru') return `${number}\u00a0${SYMBOLS[currency] ?? currency}`;
  return `${currency}\u00a0${number}`;
}

/** A share 0..1 as a percentage: `12,3%`. */
export function formatPercent(value: number | null, lang: ReportLanguage, digits = 1): string {
  if (value === null) return '—';
  return `${formatNumber(value * 100, lang, digits)}%`;
}

/** A signed change: `+12,3%`, `−4,0%` (a real minus sign). */
export function formatChange(value: number | null, lang: ReportLanguage): string {
  if (value === null) return '—';
  const text = formatPercent(Math.abs(value), lang);
  return value > 0 ? `+${text}` : value < 0 ? `\u2212${text}` : text;
}
