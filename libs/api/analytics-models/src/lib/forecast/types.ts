/** Public types of the revenue forecasting engine. */

/** Options for {@link forecast}. */
export interface ForecastOptions {
  /** Seasonal period: 12 for monthly data, 52 for weekly data, 1 for no seasonality. Positive integer. */
  period: number;
  /** Number of steps to forecast. Non-negative integer. */
  horizon: number;
  /** Prediction-interval levels in percent. Only `[80, 95]` is supported (the point fields are fixed). */
  levels?: readonly [80, 95];
  /**
   * Clamp point forecasts and interval bounds at zero (for quantities such as revenue that cannot be
   * negative). Default `false`. The back-test scores are computed on the same (clamped or not) forecasts.
   */
  nonNegative?: boolean;
}

/** One forecast step with its 80% and 95% prediction intervals. */
export interface ForecastPoint {
  mean: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

/** Rolling-origin back-test accuracy of the chosen model. */
export interface BacktestSummary {
  /** Mean absolute scaled error (scaled by the in-sample seasonal naive MAE of each training window); `null` if unavailable. */
  mase: number | null;
  /** Symmetric MAPE in percent, 200·|y−f|/(|y|+|f|) averaged; `null` if unavailable. */
  smape: number | null;
  /** Horizon used in the back-test (≤ the requested horizon; 0 when no back-test was possible). */
  horizon: number;
  /** The better simple benchmark (naive or seasonal naive) on the same back-test; `null` without one. */
  benchmark: { model: string; mase: number | null; smape: number } | null;
  /** `true` when the engine's usual choice back-tested worse than the benchmark, which was used instead. */
  fallback: boolean;
}

/** Result of {@link forecast}. */
export interface ForecastResult {
  /** Name of the chosen model, e.g. `Combination(ETS(M,Ad,M), Theta)`, `Theta`, `SeasonalNaive`. */
  model: string;
  /** One entry per forecast step (length = horizon; empty when there is no history). */
  points: ForecastPoint[];
  backtest: BacktestSummary;
  /** Human-readable remarks on degraded behaviour (short history, interpolation, clamping …). */
  notes: string[];
}
