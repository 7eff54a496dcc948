/** Exact decimal text arithmetic for computing a sale's amount from its items. */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
const SCALE = 8;
const ONE = 10n ** BigInt(SCALE);

/** `"2.55"` → 255000000n (scaled by 10^8); null for text that is not a plain decimal or is too precise. */
export function toScaled(text: string): bigint | null {
  const match = DECIMAL.exec(text);
  if (!match || (match[3]?.length ?? 0) > SCALE) return null;
  const value = BigInt(match[2]) * ONE + BigInt((match[3] ?? '').padEnd(SCALE, '0'));
  return match[1] === '-' ? -value : value;
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
  const step = 10n ** BigInt(2 * SCALE - digits);
  const magnitude = total < 0n ? -total : total;
  const rounded = (magnitude + step / 2n) / step;
  const text = rounded.toString().padStart(digits + 1, '0');
  const whole = digits > 0 ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return total < 0n && rounded !== 0n ? `-${whole}` : whole;
}
