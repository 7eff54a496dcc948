import { type Language, LOCALES } from '../language';

/** What an absent value looks like in the interface: an en dash, never "null". */
export const EMPTY_VALUE = '–';

type DateInput = string | number | Date | null | undefined;

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<Language, Intl.RelativeTimeFormat>();

function numberFormat(lang: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], options);
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], options);
    dateFormats.set(key, format);
  }
  return format;
}

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Decimal strings are formatted exactly (Intl.NumberFormat accepts numeric strings), so
 * `"12345678901234567.89"` does not lose digits to a float.
 */
function formatDecimal(format: Intl.NumberFormat, value: string | number): string {
  return format.format(value as unknown as number);
}

function isNumeric(value: string | number): boolean {
  return typeof value === 'number' ? Number.isFinite(value) : /^-?\d+(\.\d+)?$/.test(value.trim());
}

/** `1 234,5` in Russian, `1,234.5` in English. */
export function formatNumber(
  value: string | number | null | undefined,
  lang: Language,
  options: Intl.NumberFormatOptions = {},
): string {
  if (value === null || value === undefined || value === '' || !isNumeric(value)) return EMPTY_VALUE;
  return formatDecimal(numberFormat(lang, options), value);
}

/** `1 234,50 ₽` in Russian, `₽1,234.50` in English; the currency decides the minor-unit digits. */
export function formatMoney(amount: string | number | null | undefined, currency: string, lang: Language): string {
  if (amount === null || amount === undefined || amount === '' || !isNumeric(amount)) return EMPTY_VALUE;
  const format = numberFormat(lang, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
  return formatDecimal(format, typeof amount === 'string' ? amount.trim() : amount);
}

/** Russian adds " г." after the year; CRMs people like write `20 нояб. 2026`. */
function withoutYearSuffix(parts: Intl.DateTimeFormatPart[]): string {
  return parts.map((part) => (part.type === 'literal' ? part.value.replace(/\s*г\./u, '') : part.value)).join('');
}

/** `20 нояб. 2026` / `Nov 20, 2026`. */
export function formatDate(value: DateInput, lang: Language, timeZone?: string): string {
  const date = toDate(value);
  if (!date) return EMPTY_VALUE;
  const format = dateFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone });
  return withoutYearSuffix(format.formatToParts(date));
}

/** `20 нояб. 2026, 14:05` / `Nov 20, 2026, 2:05 PM`. */
export function formatDateTime(value: DateInput, lang: Language, timeZone?: string): string {
  const date = toDate(value);
  if (!date) return EMPTY_VALUE;
  const format = dateFormat(lang, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  });
  return withoutYearSuffix(format.formatToParts(date));
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `3 дня назад` / `3 days ago`, `вчера` / `yesterday`, `через 2 часа` / `in 2 hours`. */
export function formatRelativeTime(value: DateInput, lang: Language, now: Date = new Date()): string {
  const date = toDate(value);
  if (!date) return EMPTY_VALUE;
  let format = relativeFormats.get(lang);
  if (!format) {
    format = new Intl.RelativeTimeFormat(LOCALES[lang], { numeric: 'auto' });
    relativeFormats.set(lang, format);
  }
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const [amount, unit]: [number, Intl.RelativeTimeFormatUnit] =
    abs < 45 * SECOND
      ? [0, 'second']
      : abs < 45 * MINUTE
        ? [diff / MINUTE, 'minute']
        : abs < 22 * HOUR
          ? [diff / HOUR, 'hour']
          : abs < 7 * DAY
            ? [diff / DAY, 'day']
            : abs < 30 * DAY
              ? [diff / (7 * DAY), 'week']
              : abs < 365 * DAY
                ? [diff / (30 * DAY), 'month']
                : [diff / (365 * DAY), 'year'];
  // Math.round(-0.4) is -0, which Intl reads as "this minute" in the past; keep the sign honest.
  const rounded = Math.round(amount) || 0;
  return format.format(rounded, unit);
}

/**
 * A unit price: like {@link formatMoney}, with up to 4 fractional digits where the price has them
 * (`0,001 £` for a price of 0.001 GBP; `20,00 £` for 20).
 */
export function formatPrice(amount: string | number | null | undefined, currency: string, lang: Language): string {
  if (amount === null || amount === undefined || amount === '' || !isNumeric(amount)) return EMPTY_VALUE;
  const format = numberFormat(lang, {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: 4,
  });
  return formatDecimal(format, typeof amount === 'string' ? amount.trim() : amount);
}
