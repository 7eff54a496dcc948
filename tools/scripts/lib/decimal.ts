/**
 * Money in the data scripts as `bigint`s of millionths (six fractional digits), so sums of prices ×
 * quantities never touch floats. The decimal text arithmetic is the one of @crm/shared/contracts.
 */
import { decimalToUnits, unitsToDecimal } from '@crm/shared/contracts';

const FRACTION_DIGITS = 6;
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
  return decimalToUnits(`${sign === '-' ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`, FRACTION_DIGITS);
}

/** Rounds to `digits` fractional digits, half away from zero (half-up on the magnitude). */
export function roundHalfUp(value: Micros, digits: number): Micros {
  const rounded = decimalToUnits(unitsToDecimal(value, FRACTION_DIGITS), digits);
  return rounded * 10n ** BigInt(FRACTION_DIGITS - digits);
}

/** Formats with exactly `digits` fractional digits (the value must already be rounded to them). */
export function formatDecimal(value: Micros, digits: number): string {
  if (roundHalfUp(value, digits) !== value) {
    throw new Error(`${value} micros has more than ${digits} fractional digits`);
  }
  return unitsToDecimal(value / 10n ** BigInt(FRACTION_DIGITS - digits), digits);
}
