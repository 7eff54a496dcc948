/** A sale's amount from its items, in exact decimal arithmetic (that of @crm/shared/contracts). */
import { decimalToUnits, roundDecimal, unitsToDecimal } from '@crm/shared/contracts';

const SCALE = 8;
const PLAIN_DECIMAL = /^-?\d+(?:\.\d{1,8})?$/;

/** `"2.55"` → 255000000n (scaled by 10^8); null for text that is not a plain decimal or is too precise. */
export function toScaled(text: string): bigint | null {
  return PLAIN_DECIMAL.test(text) ? decimalToUnits(text, SCALE) : null;
}

/** Σ quantity × unitPrice, rounded half-up (away from zero) to `digits`; null when a value is not a decimal. */
export function sumOfProducts(
  lines: readonly { quantity: string; unitPrice: string }[],
  digits: number,
): string | null {
  let total = 0n; // scaled by 10^16
  for (const line of lines) {
    const quantity = toScaled(line.quantity);
    const price = toScaled(line.unitPrice);
    if (quantity === null || price === null) return null;
    total += quantity * price;
  }
  return roundDecimal(unitsToDecimal(total, 2 * SCALE), digits);
}
