/** A sale left out of a figure, as a warning names it. */
export class UnconvertedSaleResponse {
  id!: string;
  /** @example "INV-536365" */
  externalId!: string | null;
  /** @example "2026-11-20T10:15:00.000Z" */
  soldAt!: string;
  /** In the sale's own currency. @example "120.00" */
  amount!: string;
}

/**
 * Sales a figure could not include. `unconverted-sales`: no exchange rate of `currency` (or of the
 * requested currency) was in force on the sale's day, so the sales are left out — never counted 1:1.
 */
export class AnalyticsWarningResponse {
  /** @example "unconverted-sales" */
  code!: 'unconverted-sales';
  /** @example "3 sales in USD from 2026-01-02 to 2026-01-05 have no exchange rate to RUB and are left out" */
  message!: string;
  /** The sales' currency. @example "USD" */
  currency!: string;
  /** How many sales are left out. @example 3 */
  salesCount!: number;
  /** Their total in `currency`. @example "360.00" */
  amount!: string;
  /** First and last local day of those sales. @example "2026-01-02" */
  firstDay!: string;
  /** @example "2026-01-05" */
  lastDay!: string;
  /** The first of them (at most 20), by sale time. */
  sales!: UnconvertedSaleResponse[];
}
