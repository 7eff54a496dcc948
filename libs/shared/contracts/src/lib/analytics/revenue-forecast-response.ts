import type { ForecastGranularity } from './analytics-query';
import { AnalyticsWarningResponse } from './analytics-warning-response';

export class ForecastPointResponse {
  /** First day of the forecast period. @example "2026-11-01" */
  period!: string;
  /** Point forecast of the period's revenue. @example "1250000.00" */
  revenue!: string;
  /** 80% prediction interval. @example "1100000.00" */
  lower80!: string;
  /** @example "1400000.00" */
  upper80!: string;
  /** 95% prediction interval. @example "1020000.00" */
  lower95!: string;
  /** @example "1480000.00" */
  upper95!: string;
}

/** A simple benchmark's score on the same back-test. */
export class ForecastBenchmarkResponse {
  /** @example "SeasonalNaive" */
  model!: string;
  /** @example 1.12 */
  mase!: number | null;
  /** @example 15.3 */
  smape!: number | null;
}

/** Rolling-origin back-test of the chosen model on the history. */
export class ForecastBacktestResponse {
  /** Mean absolute scaled error; null when no back-test was possible. @example 0.84 */
  mase!: number | null;
  /** Symmetric MAPE in percent. @example 12.7 */
  smape!: number | null;
  /** Periods ahead the back-test scored (0 when none). @example 12 */
  horizon!: number;
  /** The better simple benchmark (naive or seasonal naive) on the same back-test; null without a back-test. */
  benchmark!: ForecastBenchmarkResponse | null;
  /** True when the engine's usual choice back-tested worse than the benchmark, so the benchmark is the model. @example false */
  fallback!: boolean;
}

export class HistoryPointResponse {
  /** @example "2026-10-01" */
  period!: string;
  /** @example "1198000.00" */
  revenue!: string;
}

/** `analytics/forecast`: revenue of the `horizon` periods starting with the one containing `asOf`. */
export class RevenueForecastResponse {
  /** The model chosen by the back-test. @example "Combination(ETS(M,Ad,M), Theta)" */
  model!: string;
  points!: ForecastPointResponse[];
  backtest!: ForecastBacktestResponse;
  /** @example "RUB" */
  currency!: string;
  /** @example "month" */
  granularity!: ForecastGranularity;
  /** @example "2026-11-20" */
  asOf!: string;
  /** The complete periods the model was fitted on, from the first with a sale. */
  history!: HistoryPointResponse[];
  /** The last history period with revenue; null without any. @example "2026-10-01" */
  lastRevenuePeriod!: string | null;
  /** Complete periods after `lastRevenuePeriod` (up to the one containing `asOf`) without revenue. @example 0 */
  emptyRecentPeriods!: number;
  /**
   * True when the recent history is empty (no revenue in the last 3 months or 13 weeks before the
   * period of `asOf`): the forecast then only carries that silence forward. @example false
   */
  recentHistoryEmpty!: boolean;
  /** Why the forecast is degraded (short history, no seasonality, …), in plain words. */
  notes!: string[];
  warnings!: AnalyticsWarningResponse[];
}
