/** Accuracy measures used by the back-test (M3/M4 conventions). */

/** Symmetric APE in percent for one pair, 200·|y−f|/(|y|+|f|); 0 when both are 0. */
export function symmetricApe(actual: number, forecast: number): number {
  const denominator = Math.abs(actual) + Math.abs(forecast);
  return denominator === 0 ? 0 : (200 * Math.abs(actual - forecast)) / denominator;
}

/** Mean sAPE over paired values. */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += symmetricApe(actual[i], forecast[i]);
  return sum / actual.length;
}

/** Mean absolute error over paired values. */
export function meanAbsoluteError(actual: readonly number[], forecast: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i] - forecast[i]);
  return sum / actual.length;
}

/**
 * MASE scale: in-sample seasonal naive MAE, mean |x_t − x_{t−m}|. Uses lag 1 when the history is not
 * longer than one season (or m = 1). Returns 0 for a constant history and NaN for fewer than 2 points.
 */
export function maseScale(history: readonly number[], period: number): number {
  const lag = period > 1 && history.length > period ? period : 1;
  if (history.length <= lag) return NaN;
  let sum = 0;
  for (let t = lag; t < history.length; t++) sum += Math.abs(history[t] - history[t - lag]);
  return sum / (history.length - lag);
}
