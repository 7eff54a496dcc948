/**
 * Exact decimal arithmetic for money in the data scripts: values are `bigint`s of
 * millionths (six fractional digits), so sums of prices × quantities never touch floats.
 */

const FRACTION_DIGITS = 6;
const ONE = 10n ** BigInt(FRACTION_DIGITS);
const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** A decimal scaled by 10^6. */
export type Micros = bigint;

/** Parses `"2.55"`, `"-11062.06"`, `"0.001"`; throws on anything else or on more than six fractional digits. */
export function parseDecimal(text: string): Micros {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new Error(`Not a decimal number: "${text}"`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > FRACTION_DIGITS) {
    throw new Error(`More than ${FRACTION_DIGITS} fractional digits: "${text}"`);
  }
  const value = BigInt(whole) * ONE + BigInt(fraction.padEnd(FRACTION_DIGITS, '0'));
  return sign === '-' ? -value : value;
}

/** Rounds to `digits` fractional digits, half away from zero (half-up on the magnitude). */
export function roundHalfUp(value: Micros, digits: number): Micros {
  const step = 10n ** BigInt(FRACTION_DIGITS - digits);
  const magnitude = value < 0n ? -value : value;
  const rounded = ((magnitude + step / 2n) / step) * step;
  return value < 0n ? -rounded : rounded;
}

/** Formats with exactly `digits` fractional digits (the value must already be rounded to them). */
export function formatDecimal(value: Micros, digits: number): string {
  if (roundHalfUp(value, digits) !== value) {
    throw new Error(`${value} micros has more than ${digits} fractional digits`);
  }
  const magnitude = value < 0n ? -value : value;
  const whole = magnitude / ONE;
  const fraction = (magnitude % ONE).toString().padStart(FRACTION_DIGITS, '0').slice(0, digits);
  const text = digits > 0 ? `${whole}.${fraction}` : `${whole}`;
  return value < 0n ? `-${text}` : text;
}
