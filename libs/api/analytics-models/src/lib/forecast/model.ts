/** Internal contract between the individual models and the engine. */

/** Point forecasts and forecast-error standard deviations for steps 1..h (Gaussian intervals). */
export interface ModelForecast {
  mean: number[];
  sd: number[];
}

/** A model fitted to the full history, able to re-fit its structure to a shorter history. */
export interface FittedModel extends ModelForecast {
  /** Descriptive name, e.g. `ETS(M,Ad,M)`. */
  label: string;
  /** Re-fits the same model structure to `history` (a prefix of the full history) and forecasts `horizon` steps. */
  refit(history: readonly number[], horizon: number): ModelForecast;
}

/** A forecasting method the engine can fit, back-test and select. */
export interface BaseModel {
  readonly id: string;
  /** Fits to the full history and forecasts `horizon` steps; `null` when the history is unsuitable. */
  fit(history: readonly number[], horizon: number): FittedModel | null;
}
