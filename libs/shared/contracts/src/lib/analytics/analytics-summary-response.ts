import { AnalyticsWarningResponse } from './analytics-warning-response';

/** Paid returns of the period (on the returns' own days), converted like revenue. */
export class AnalyticsReturnsResponse {
  /** @example 12 */
  count!: number;
  /** The money given back; revenue is already net of it. @example "15400.00" */
  amount!: string;
}

/** The indicators of one period. Money in the response's currency. */
export class AnalyticsPeriodResponse {
  /** First day, inclusive (company time zone). @example "2026-10-22" */
  from!: string;
  /** Last day, inclusive. @example "2026-11-20" */
  to!: string;
  /**
   * Sum of the counted sales (status `paid`) minus the paid returns of the period, each converted at
   * the rate of its own day. @example "1234567.89"
   */
  revenue!: string;
  /** The counted sales. @example 842 */
  salesCount!: number;
  /** Clients with a counted sale in the period. @example 615 */
  buyers!: number;
  /** Buyers whose first counted sale ever is in the period. @example 120 */
  newClients!: number;
  /** Buyers who had bought before the period: `buyers − newClients`. @example 495 */
  returningClients!: number;
  /** Paid returns of the period: not sales, not purchases; their amount is subtracted from revenue. */
  returns!: AnalyticsReturnsResponse;
  /** revenue (net of returns) / salesCount; null without sales. @example "1466.23" */
  averageOrderValue!: string | null;
  /** Share (0..1) of buyers with two or more counted sales in the period; null without buyers. @example 0.21 */
  repeatPurchaseRate!: number | null;
}

/** Relative changes against the previous period (0.25 = +25%); null when the previous figure is zero or undefined. */
export class AnalyticsChangeResponse {
  /** @example 0.125 */
  revenue!: number | null;
  /** @example 0.08 */
  salesCount!: number | null;
  /** @example -0.02 */
  buyers!: number | null;
  /** @example 0.3 */
  newClients!: number | null;
  /** @example 0.04 */
  averageOrderValue!: number | null;
  /** Difference of the rates (not relative): 0.03 = three points more. @example 0.03 */
  repeatPurchaseRate!: number | null;
}

/** `analytics/summary`: the period's indicators, the previous period of the same length and the changes. */
export class AnalyticsSummaryResponse extends AnalyticsPeriodResponse {
  /** ISO 4217 code of every money figure. @example "RUB" */
  currency!: string;
  /** Sales left out because they could not be converted (this period). */
  warnings!: AnalyticsWarningResponse[];
  /** The same indicators for the days just before `from`, as many as the period has. */
  previous!: AnalyticsPeriodResponse;
  change!: AnalyticsChangeResponse;
}
