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

/** Rolling-origin back-test of the chosen model on the history. */
export class ForecastBacktestResponse {
  /** Mean absolute scaled error; null when no back-test was possible. @example 0.84 */
  mase!: number | null;
  /** Symmetric MAPE in percent. @example 12.7 */
  smape!: number | null;
  /** Periods ahead the back-test scored (0 when none). @example 12 */
  horizon!: number;
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
  /** Why the forecast is degraded (short history, no seasonality, …), in plain words. */
  notes!: string[];
  warnings!: AnalyticsWarningResponse[];
}
