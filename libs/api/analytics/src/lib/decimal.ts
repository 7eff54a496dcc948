/**
 * Exact decimal helpers for figures PostgreSQL computes as `numeric` and the API answers as money
 * strings: rounding happens once, here, half-up (away from zero).
 */
import { formatMoney, minorUnits } from '@crm/shared/contracts';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** The decimal as an integer numerator over 10^scale. */
function toFraction(decimal: string): { numerator: bigint; scale: number } {
  const match = DECIMAL.exec(decimal.trim());
  if (!match) throw new Error(`Not a decimal: ${decimal}`);
  const [, sign, integer, fraction = ''] = match;
  const numerator = BigInt(integer + fraction);
  return { numerator: sign === '-' ? -numerator : numerator, scale: fraction.length };
}

/** `dividend / divisor` rounded half away from zero to exactly `scale` fractional digits. */
export function divideDecimal(dividend: string, divisor: bigint, scale: number): string {
  if (divisor === 0n) throw new RangeError('Division by zero');
  const { numerator, scale: from } = toFraction(dividend);
  let num = numerator * 10n ** BigInt(scale);
  let den = divisor * 10n ** BigInt(from);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const negative = num < 0n;
  const magnitude = negative ? -num : num;
  const units = (2n * magnitude + den) / (2n * den);
  const digits = units.toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative && units !== 0n ? `-${text}` : text;
}

/** Money text for an exact sum (`null`/empty sums are zero). */
export function money(sum: string | null | undefined, currency: string): string {
  return formatMoney(sum ?? '0', currency);
}

/** Average of `count` items summing exactly to `sum`, as money rounded once; `null` when there is none. */
export function average(sum: string | null | undefined, count: number, currency: string): string | null {
  if (count === 0) return null;
  return divideDecimal(sum ?? '0', BigInt(count), minorUnits(currency));
}

/** Relative change from `previous` to `current` (0.25 = +25%); `null` when `previous` is zero. */
export function relativeChange(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return (current - previous) / previous;
}

/** Relative change of two exact decimals; `null` when `previous` is zero. */
export function relativeDecimalChange(current: string, previous: string): number | null {
  const p = toFraction(previous);
  if (p.numerator === 0n) return null;
  const c = toFraction(current);
  const scale = Math.max(c.scale, p.scale);
  const cn = c.numerator * 10n ** BigInt(scale - c.scale);
  const pn = p.numerator * 10n ** BigInt(scale - p.scale);
  return Number(divideDecimal(String(cn - pn), pn, 12));
}

/** Exact sum of decimal texts (any number of fractional digits). */
export function sumDecimals(values: Iterable<string>): string {
  let numerator = 0n;
  let scale = 0;
  for (const value of values) {
    const f = toFraction(value);
    if (f.scale > scale) {
      numerator *= 10n ** BigInt(f.scale - scale);
      scale = f.scale;
    }
    numerator += f.numerator * 10n ** BigInt(scale - f.scale);
  }
  const negative = numerator < 0n;
  const digits = (negative ? -numerator : numerator).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** A float (a model's forecast) as money text with the currency's digits. */
export function moneyOfNumber(value: number, currency: string): string {
  const digits = minorUnits(currency);
  const fixed = (Number.isFinite(value) ? value : 0).toFixed(digits);
  return fixed === (-0).toFixed(digits) || /^-0\.?0*$/.test(fixed) ? (0).toFixed(digits) : fixed;
}
