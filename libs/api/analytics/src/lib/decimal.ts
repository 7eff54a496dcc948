/**
 * Money figures of the analytics answers, from the exact sums PostgreSQL computes as `numeric`:
 * rounding happens once, half-up (away from zero). The decimal arithmetic itself is the one of
 * @crm/shared/contracts (`money.ts`); `sumDecimals` and `divideDecimal` are re-exported for the
 * analytics code that reads them from here.
 */
import { decimalFraction, divideDecimal, formatMoney, minorUnits } from '@crm/shared/contracts';

export { divideDecimal, sumDecimals } from '@crm/shared/contracts';

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
  const p = decimalFraction(previous);
  if (p.numerator === 0n) return null;
  const c = decimalFraction(current);
  const scale = Math.max(c.scale, p.scale);
  const cn = c.numerator * 10n ** BigInt(scale - c.scale);
  const pn = p.numerator * 10n ** BigInt(scale - p.scale);
  return Number(divideDecimal(String(cn - pn), pn, 12));
}

/** A float (a model's forecast) as money text with the currency's digits. */
export function moneyOfNumber(value: number, currency: string): string {
  const digits = minorUnits(currency);
  const fixed = (Number.isFinite(value) ? value : 0).toFixed(digits);
  return fixed === (-0).toFixed(digits) || /^-0\.?0*$/.test(fixed) ? (0).toFixed(digits) : fixed;
}
