/**
 * Where the indicators come from. Two implementations answer identically: `RollupSource` reads
 * the trigger-maintained rollups (what the API uses), `PlainSource` aggregates `sales` directly
 * (the reference the property test and the benchmark compare against).
 */
import type { CompanyScope } from '@crm/api/core';
import type { AnalyticsGranularity, SaleStatus } from '@crm/shared/contracts';
import type { AnalyticsContext, Period } from '../analytics-context';
import type { SqlParams, SqlRunner } from '../sql';

/**
 * The status key of the rollups: a sale's status, or `return:<status>` for a return (migration
 * `SaleReturns1764410000000`). Revenue is `paid` minus `return:paid`.
 */
export type RollupStatus = SaleStatus | `return:${SaleStatus}`;

/** What revenue reads: paid sales and paid returns. */
export const REVENUE_STATUSES: readonly RollupStatus[] = ['paid', 'return:paid'];

/** SQL of a `sales` row's {@link RollupStatus}; `s` is the row's alias. */
export const rollupStatusSql = (s: string): string =>
  `(CASE WHEN ${s}.kind = 'return' THEN 'return:' || ${s}.status ELSE ${s}.status END)`;

/** Company facts every query needs. */
export interface CompanyCalendar {
  /** The company (the scope of the tenant transaction the query runs in). */
  scope: CompanyScope;
  /** IANA zone that decides local days. */
  timeZone: string;
}

/** How rows of [from, to] are bucketed: by period, or split at a day into two named halves. */
export type Buckets = { granularity: AnalyticsGranularity } | { splitAt: string } | 'none';

export interface BucketTotal {
  /** First day of the bucket (`from` for 'none'; for a split, `from` or `splitAt`). */
  bucket: string;
  status: RollupStatus;
  /** Exact sum in the requested currency, unrounded decimal text. */
  revenue: string;
  salesCount: number;
}

/** Sales of one currency (and status, and bucket) that could not be converted. */
export interface UnconvertedGroup {
  bucket: string;
  status: RollupStatus;
  currency: string;
  salesCount: number;
  /** In the sales' own currency. */
  amount: string;
  firstDay: string;
  lastDay: string;
}

export interface TotalsQuery {
  from: string;
  to: string;
  buckets: Buckets;
  /** Statuses to include; revenue uses {@link REVENUE_STATUSES}. */
  statuses: readonly RollupStatus[];
}

export interface Totals {
  totals: BucketTotal[];
  unconverted: UnconvertedGroup[];
}

export interface BuyerCounts {
  buyers: number;
  newClients: number;
  /** Buyers with two or more counted sales in the period. */
  repeatBuyers: number;
}

export interface ClientTotal {
  clientId: string;
  /** Net of the client's paid returns of the period. */
  revenue: string;
  salesCount: number;
}

export interface IndicatorSource {
  totals(sql: SqlRunner, ctx: AnalyticsContext, q: TotalsQuery): Promise<Totals>;
  /** Buyer counts of each period, in one statement. */
  buyers(sql: SqlRunner, ctx: AnalyticsContext, periods: readonly Period[]): Promise<BuyerCounts[]>;
  topClients(sql: SqlRunner, ctx: AnalyticsContext, period: Period, limit: number): Promise<ClientTotal[]>;
  /**
   * SQL of the period's product cells (see {@link PRODUCT_CELL_COLUMNS}), built after whatever it
   * reads first in the same snapshot: per local day, currency
   * and product, the signed quantity and amount of the items of paid sales and paid returns, the
   * sales that sold it, and the name of the item of the day's first sale by id.
   */
  productCells(sql: SqlRunner, ctx: AnalyticsContext, period: Period, p: SqlParams): Promise<string>;
}

/**
 * The columns of a product cell: `day`, `currency`, `product` (`sku:<sku>` or `name:<name>`), `sku`,
 * `name`, `name_sale` (the sale whose item named it), `quantity`, `amount` (in `currency`, signed:
 * returns take their items back), `sales` (sales, not returns, with the product).
 */
export const PRODUCT_CELL_COLUMNS = 'day, currency, product, sku, name, name_sale, quantity, amount, sales';

/** SQL expression of a row's bucket start (a date) for `Buckets`. */
export function bucketSql(buckets: Buckets, day: string, from: string, addParam: (v: unknown) => string): string {
  if (buckets === 'none') return `${addParam(from)}::date`;
  if ('splitAt' in buckets) {
    return `CASE WHEN ${day} >= ${addParam(buckets.splitAt)}::date THEN ${addParam(buckets.splitAt)}::date ELSE ${addParam(from)}::date END`;
  }
  if (buckets.granularity === 'day') return day;
  return `date_trunc('${buckets.granularity}', ${day})::date`;
}
