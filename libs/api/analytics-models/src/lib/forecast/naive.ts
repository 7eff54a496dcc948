/** Benchmark methods: seasonal naive, naive (random walk) and the mean. */
import { ModelForecast } from './model';
import { mean } from './stats';

/** Residual standard deviation with the mean forced to zero (√(Σe²/k)); 0 for no residuals. */
function rootMeanSquare(residuals: readonly number[]): number {
  if (residuals.length === 0) return 0;
  let ss = 0;
  for (const e of residuals) ss += e * e;
  return Math.sqrt(ss / residuals.length);
}

/**
 * Seasonal naive: y_{n+h} = y_{n+h−m(k+1)}, k = ⌊(h−1)/m⌋. Error sd σ√(k+1) with σ from the
 * in-sample lag-m differences. Needs at least one full season.
 */
export function seasonalNaiveForecast(series: readonly number[], period: number, horizon: number): ModelForecast {
  const n = series.length;
  const residuals: number[] = [];
  for (let t = period; t < n; t++) residuals.push(series[t] - series[t - period]);
  const sigma = rootMeanSquare(residuals);
  const result: ModelForecast = { mean: [], sd: [] };
  for (let h = 1; h <= horizon; h++) {
    result.mean.push(series[n - period + ((h - 1) % period)]);
    result.sd.push(sigma * Math.sqrt(Math.floor((h - 1) / period) + 1));
  }
  return result;
}

/** Naive (random walk): the last value, error sd σ√h with σ from the first differences. Needs 1 point. */
export function naiveForecast(series: readonly number[], horizon: number): ModelForecast {
  const n = series.length;
  const residuals: number[] = [];
  for (let t = 1; t < n; t++) residuals.push(series[t] - series[t - 1]);
  const sigma = rootMeanSquare(residuals);
  const last = series[n - 1];
  return {
    mean: Array.from({ length: horizon }, () => last),
    sd: Array.from({ length: horizon }, (_, k) => sigma * Math.sqrt(k + 1)),
  };
}

/** Mean forecast with error sd s·√(1 + 1/n) (sample sd s). Needs 1 point. */
export function meanForecast(series: readonly number[], horizon: number): ModelForecast {
  const n = series.length;
  const mu = mean(series);
  let ss = 0;
  for (const v of series) ss += (v - mu) * (v - mu);
  const s = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const sd = s * Math.sqrt(1 + 1 / n);
  return {
    mean: Array.from({ length: horizon }, () => mu),
    sd: Array.from({ length: horizon }, () => sd),
  };
}

/**
 * Forecast for histories too short to estimate anything (fewer than 4 points): the last value, with a
 * deliberately wide error sd σ√h where σ is the largest of the sample sd of the values, the RMS of the
 * first differences and 25% of the mean absolute level (so a single point still gets a band).
 */
export function shortHistoryForecast(series: readonly number[], horizon: number): ModelForecast {
  const naive = naiveForecast(series, horizon);
  const spread = meanForecast(series, 1).sd[0] / Math.sqrt(1 + 1 / series.length);
  const level = mean(series.map(Math.abs));
  const sigma = Math.max(spread, naive.sd[0] ?? 0, 0.25 * level);
  return {
    mean: naive.mean,
    sd: naive.mean.map((_, k) => sigma * Math.sqrt(k + 1)),
  };
}
