/** Exact sums of decimal strings (money as the analytics answer it), without floating point. */
const SCALE = 6;

function toScaled(value: string): bigint {
  const negative = value.startsWith('-');
  const [int, frac = ''] = value.replace(/^[-+]/, '').split('.');
  const scaled = BigInt(int || '0') * 10n ** BigInt(SCALE) + BigInt((frac + '0'.repeat(SCALE)).slice(0, SCALE) || '0');
  return negative ? -scaled : scaled;
}

/** The sum of `values` with `digits` fractional digits (the inputs already have at most that many). */
export function sumMoney(values: readonly string[], digits: number): string {
  const total = values.reduce((sum, v) => sum + toScaled(v), 0n);
  const negative = total < 0n;
  const abs = negative ? -total : total;
  const int = abs / 10n ** BigInt(SCALE);
  const frac = (abs % 10n ** BigInt(SCALE)).toString().padStart(SCALE, '0').slice(0, digits);
  return `${negative ? '-' : ''}${int}${digits > 0 ? `.${frac}` : ''}`;
}

/** Fractional digits of a decimal string. */
export const digitsOf = (value: string): number => (value.includes('.') ? value.split('.')[1].length : 0);

/** Relative change `current / previous − 1`, rounded to 4 places; null when `previous` is zero. */
export function relativeChange(current: number, previous: number): number | null {
  if (!Number.isFinite(current) || !Number.isFinite(previous) || previous === 0) return null;
  return Math.round((current / previous - 1) * 10_000) / 10_000;
}

/** −1, 0 or 1 as decimal string `a` is below, equal to or above `b` (exact to 6 fractional digits). */
export function compareDecimals(a: string, b: string): number {
  const x = toScaled(a);
  const y = toScaled(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
