/** A sum of money in one currency, as a decimal string with the currency's minor digits. */
export interface CurrencySum {
  currency: string;
  amount: string;
}

/** What a column header can honestly say about the money in it. */
export interface ColumnSums {
  /** One line per currency, the largest first; deals in different currencies are never added up. */
  sums: CurrencySum[];
  /** Deals the sums are over (the loaded cards). */
  shown: number;
  /** Deals in the column; more than `shown` means the sums are of the loaded cards only. */
  total: number;
  partial: boolean;
}

/** Exact decimal addition of `"1234.50"`-style strings (no floating point drift on large sums). */
export function addDecimal(a: string, b: string): string {
  const scale = Math.max(fraction(a), fraction(b));
  const sum = toMinor(a, scale) + toMinor(b, scale);
  return fromMinor(sum, scale);
}

function fraction(value: string): number {
  const dot = value.indexOf('.');
  return dot === -1 ? 0 : value.length - dot - 1;
}

function toMinor(value: string, scale: number): bigint {
  const negative = value.startsWith('-');
  const [whole, part = ''] = (negative ? value.slice(1) : value).split('.');
  const minor = BigInt((whole || '0') + part.padEnd(scale, '0'));
  return negative ? -minor : minor;
}

function fromMinor(minor: bigint, scale: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/**
 * The count and the sums per currency of a column's loaded deals. A column is paged, so when not
 * every deal is loaded the sums say so (`partial`) rather than passing a part off as the whole.
 */
export function columnSums(deals: readonly { amount: string; currency: string }[], total: number): ColumnSums {
  const byCurrency = new Map<string, string>();
  for (const deal of deals) {
    byCurrency.set(deal.currency, addDecimal(byCurrency.get(deal.currency) ?? '0', deal.amount));
  }
  const sums = [...byCurrency.entries()]
    .map(([currency, amount]) => ({ currency, amount }))
    .sort((a, b) => Number(b.amount) - Number(a.amount) || a.currency.localeCompare(b.currency));
  const shown = deals.length;
  return { sums, shown, total: Math.max(total, shown), partial: shown < total };
}
