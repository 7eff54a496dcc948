import type { AnalyticsGranularity } from './analytics-query';
import { AnalyticsWarningResponse } from './analytics-warning-response';

export class AnalyticsPointResponse {
  /** First day of the period, even when it is before `from`. @example "2026-11-01" */
  period!: string;
  /** Counted sales of the period inside [from, to]. @example "98765.40" */
  revenue!: string;
  /** @example 67 */
  salesCount!: number;
}

/** `analytics/timeseries`: every period overlapping [from, to], zeros included, oldest first. */
export class AnalyticsTimeseriesResponse {
  /** @example "RUB" */
  currency!: string;
  /** @example "month" */
  granularity!: AnalyticsGranularity;
  /** @example "2026-01-01" */
  from!: string;
  /** @example "2026-11-20" */
  to!: string;
  points!: AnalyticsPointResponse[];
  warnings!: AnalyticsWarningResponse[];
}
