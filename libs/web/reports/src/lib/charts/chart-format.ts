import { formatMoney, formatNumber, type Language } from '@crm/web/i18n';

/** `20 нояб.` / `Nov 20` for days and weeks, `нояб. 2026` / `Nov 2026` for months. */
export function periodLabel(period: string, granularity: 'day' | 'week' | 'month', lang: Language): string {
  const date = new Date(`${period}T00:00:00`);
  if (Number.isNaN(date.getTime())) return period;
  const options: Intl.DateTimeFormatOptions =
    granularity === 'month' ? { month: 'short', year: 'numeric' } : { day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(lang, options).format(date);
}

/** Money in few characters for an axis: `12 тыс. ₽` / `₽12K`; counts as plain compact numbers. */
export function axisValue(value: number, unit: 'money' | 'count', currency: string, lang: Language): string {
  if (unit === 'count' || !currency)
    return formatNumber(value, lang, { notation: 'compact', maximumFractionDigits: 1 });
  return new Intl.NumberFormat(lang, {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(value);
}

/** A value in a tooltip or a table: money with its currency, counts as numbers. */
export function fullValue(value: number | string, unit: 'money' | 'count', currency: string, lang: Language): string {
  return unit === 'money' && currency ? formatMoney(value, currency, lang) : formatNumber(value, lang);
}

/** At most `max` evenly spaced labels (always the last one), so labels never overlap. */
export function spacedTicks(names: readonly string[], max: number): string[] {
  if (names.length <= max) return [...names];
  const step = Math.ceil(names.length / max);
  const last = names.length - 1;
  return names.filter((_, i) => (last - i) % step === 0);
}

/** A number out of a decimal string, a number or nothing. */
export function num(value: number | string | null | undefined): number {
  const n = typeof value === 'number' ? value : Number(value ?? NaN);
  return Number.isFinite(n) ? n : 0;
}

/** `2026-11` as `нояб. 2026` / `Nov 2026`. */
export function monthLabel(month: string, lang: Language): string {
  return periodLabel(`${month}-01`, 'month', lang);
}
