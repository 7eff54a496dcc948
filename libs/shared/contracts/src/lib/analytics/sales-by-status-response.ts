import type { SaleStatus } from '../sales/sale-status';
import { AnalyticsWarningResponse } from './analytics-warning-response';

export class SalesStatusTotalResponse {
  /** @example "refunded" */
  status!: SaleStatus;
  /** @example 14 */
  salesCount!: number;
  /** Sum of these sales converted to `currency` (only `paid` is revenue). @example "20450.00" */
  amount!: string;
  /** Share (0..1) of all converted sales of the period. @example 0.05 */
  share!: number | null;
}

/** `analytics/by-status`: every status, zeros included, in the order pending, paid, cancelled, refunded. */
export class SalesByStatusResponse {
  /** @example "RUB" */
  currency!: string;
  /** @example "2026-10-22" */
  from!: string;
  /** @example "2026-11-20" */
  to!: string;
  items!: SalesStatusTotalResponse[];
  /** Sales of any status that could not be converted. */
  warnings!: AnalyticsWarningResponse[];
}
