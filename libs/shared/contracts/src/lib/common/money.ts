import { minorUnits } from './currency';

/** Largest number of integer digits a money amount may have (the database keeps 15 + 4 digits). */
export const MONEY_MAX_INTEGER_DIGITS = 15;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** A decimal in canonical text: no leading zeros, no trailing fractional zeros, no `-0`. */
function canonical(negative: boolean, integer: string, fraction: string): string {
  const int = integer.replace(/^0+(?=\d)/, '');
  const frac = fraction.replace(/0+$/, '');
  const text = frac ? `${int}.${frac}` : int;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/**
 * Reads a JSON number or a decimal string (`"1234.50"`, `-3`, `0.1`) into canonical decimal text
 * (`"1234.5"`, `"-3"`, `"0.1"`), exactly; `null` for anything else (exponents, `+1`, `.5`, `1.`,
 * blanks, non-finite numbers). A number is read as JavaScript prints it, its shortest exact form.
 */
export function toDecimalString(value: unknown): string | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return null;
  }
  const match = DECIMAL.exec(text);
  if (!match) return null;
  return canonical(match[1] === '-', match[2], match[3] ?? '');
}

/** Digits after the point of a canonical decimal. */
export function fractionDigits(decimal: string): number {
  const point = decimal.indexOf('.');
  return point < 0 ? 0 : decimal.length - point - 1;
}

function integerDigits(decimal: string): number {
  const unsigned = decimal.replace('-', '');
  const point = unsigned.indexOf('.');
  return point < 0 ? unsigned.length : point;
}

export type DecimalParse = { ok: true; value: string } | { ok: false; error: string };

export interface DecimalRules {
  /** Most digits after the point; trailing zeros do not count (`"100.00"` has none). */
  maxFractionDigits: number;
  /** Most digits before the point; {@link MONEY_MAX_INTEGER_DIGITS} unless given. */
  maxIntegerDigits?: number;
  allowNegative?: boolean;
  /** Refuse zero too (rates, quantities). */
  positive?: boolean;
  /** Names the unit in the error, e.g. `for JPY`. */
  unit?: string;
}

/** Validates a requested decimal (a decimal string or JSON number) and returns its canonical text. */
export function parseDecimal(value: unknown, rules: DecimalRules): DecimalParse {
  const decimal = toDecimalString(value);
  if (decimal === null) return { ok: false, error: 'must be a decimal string or number, e.g. "1234.50"' };
  if (!rules.allowNegative && decimal.startsWith('-')) return { ok: false, error: 'must not be negative' };
  if (rules.positive && !/[1-9]/.test(decimal)) return { ok: false, error: 'must be greater than zero' };
  const maxInteger = rules.maxIntegerDigits ?? MONEY_MAX_INTEGER_DIGITS;
  if (integerDigits(decimal) > maxInteger) {
    return { ok: false, error: `must have at most ${maxInteger} digits before the decimal point` };
  }
  if (fractionDigits(decimal) > rules.maxFractionDigits) {
    const unit = rules.unit ? ` ${rules.unit}` : '';
    return { ok: false, error: `must have at most ${rules.maxFractionDigits} fractional digits${unit}` };
  }
  return { ok: true, value: decimal };
}

/**
 * Validates a requested amount for `currency`: a decimal string or number, not negative unless
 * allowed, at most {@link MONEY_MAX_INTEGER_DIGITS} integer digits and at most the currency's
 * minor-unit digits after the point (trailing zeros do not count: `"100.00"` is fine for JPY).
 */
export function parseMoney(value: unknown, currency: string, options: { allowNegative?: boolean } = {}): DecimalParse {
  return parseDecimal(value, { maxFractionDigits: minorUnits(currency), unit: `for ${currency}`, ...options });
}

/** The decimal scaled to an integer number of `10^-scale` units, rounded half away from zero. */
export function decimalToUnits(decimal: string, scale: number): bigint {
  const match = DECIMAL.exec(decimal);
  if (!match) throw new Error(`Not a decimal: ${decimal}`);
  const [, sign, integer, fraction = ''] = match;
  const kept = fraction.slice(0, scale).padEnd(scale, '0');
  let units = BigInt(integer + kept);
  if (fraction.length > scale && fraction.charCodeAt(scale) >= 53 /* '5' */) units += 1n;
  return sign === '-' ? -units : units;
}

/** Decimal text with exactly `scale` fractional digits for an integer number of `10^-scale` units. */
export function unitsToDecimal(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** A decimal (surrounding blanks ignored) as an integer numerator over `10^scale`, `scale` its own fractional digits. */
export function decimalFraction(decimal: string): { numerator: bigint; scale: number } {
  const match = DECIMAL.exec(decimal.trim());
  if (!match) throw new Error(`Not a decimal: ${decimal}`);
  const [, sign, integer, fraction = ''] = match;
  const numerator = BigInt(integer + fraction);
  return { numerator: sign === '-' ? -numerator : numerator, scale: fraction.length };
}

/** Exact sum of decimal texts (any number of fractional digits), with the most fractional digits of any. */
export function sumDecimals(values: Iterable<string>): string {
  let numerator = 0n;
  let scale = 0;
  for (const value of values) {
    const f = decimalFraction(value);
    if (f.scale > scale) {
      numerator *= 10n ** BigInt(f.scale - scale);
      scale = f.scale;
    }
    numerator += f.numerator * 10n ** BigInt(scale - f.scale);
  }
  return unitsToDecimal(numerator, scale);
}

/** `dividend / divisor` rounded half away from zero to exactly `scale` fractional digits. */
export function divideDecimal(dividend: string, divisor: bigint, scale: number): string {
  if (divisor === 0n) throw new RangeError('Division by zero');
  const { numerator, scale: from } = decimalFraction(dividend);
  let num = numerator * 10n ** BigInt(scale);
  let den = divisor * 10n ** BigInt(from);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const negative = num < 0n;
  const magnitude = negative ? -num : num;
  const units = (2n * magnitude + den) / (2n * den);
  return unitsToDecimal(negative ? -units : units, scale);
}

/** Rounds a decimal half-up (away from zero) to exactly `scale` fractional digits: `("2.345", 2)` → `"2.35"`. */
export function roundDecimal(decimal: string, scale: number): string {
  return unitsToDecimal(decimalToUnits(decimal, scale), scale);
}

/**
 * Money as the API answers it: a string with exactly the currency's minor-unit digits
 * (`("1234.5000", "RUB")` → `"1234.50"`, `("1500", "JPY")` → `"1500"`), rounded half-up once.
 */
export function formatMoney(decimal: string | number, currency: string): string {
  const text = typeof decimal === 'number' ? toDecimalString(decimal) : decimal;
  if (text === null) throw new Error(`Not a decimal: ${decimal}`);
  return roundDecimal(text, minorUnits(currency));
}
