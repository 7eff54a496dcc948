import { type CurrencySum, sumByCurrency } from '@crm/web/deal-form';

/** What a column header can honestly say about the money in it. */
export interface ColumnSums {
  /** One line per currency, the largest first; deals in different currencies are never added up. */
  sums: CurrencySum[];
  /** Deals the sums are over. */
  shown: number;
  /** Deals in the column; more than `shown` means the sums are of the loaded cards only. */
  total: number;
  partial: boolean;
}

/**
 * The count and the sums per currency of a column's loaded deals. A column is paged, so when not
 * every deal is loaded the sums say so (`partial`) rather than passing a part off as the whole.
 */
export function columnSums(deals: readonly { amount: string; currency: string }[], total: number): ColumnSums {
  const shown = deals.length;
  return { sums: sumByCurrency(deals), shown, total: Math.max(total, shown), partial: shown < total };
}
