/** Seasonality detection and classical decomposition (as in R's `decompose` / `thetaf`). */
import { ModelForecast } from './model';
import { autocorrelations, isConstant } from './stats';

/** Two-sided 90% (one-sided 95%) standard normal quantile, as used by the `thetaf` test. */
const Z_TWO_SIDED_90 = 1.6448536269514722;
/** One-sided 90% standard normal quantile. */
const Z_ONE_SIDED_90 = 1.2815515655446004;
/** Longest period for the autocorrelation test; longer periods use the F-test. */
const MAX_ACF_TEST_PERIOD = 24;

/**
 * Seasonality test at the 90% level. The series needs more than two full seasons (as in `thetaf`).
 *
 * - period ≤ 24 (e.g. monthly): the M3/M4 Naive2 and `thetaf` autocorrelation test
 *   |r_m| > 1.645 · sqrt((1 + 2 Σ_{k<m} r_k²) / n).
 * - longer periods (e.g. weekly, 52): with only a few seasons that test has almost no power (the
 *   Bartlett variance sums m−1 squared autocorrelations), so a one-way ANOVA F-test of the cycle
 *   positions on the series detrended by the centred moving average is used instead (Paulson's
 *   normal approximation of the F distribution, one-sided 90%).
 */
export function isSeasonal(values: readonly number[], period: number): boolean {
  const n = values.length;
  if (period < 2 || n <= 2 * period || isConstant(values)) return false;
  if (period > MAX_ACF_TEST_PERIOD) return seasonalFTest(values, period);
  const r = autocorrelations(values, period);
  let sum = 0;
  for (let k = 0; k < period - 1; k++) sum += r[k] * r[k];
  const limit = Z_TWO_SIDED_90 * Math.sqrt((1 + 2 * sum) / n);
  return Math.abs(r[period - 1]) > limit;
}

/** One-way ANOVA of the moving-average-detrended values by cycle position (see {@link isSeasonal}). */
function seasonalFTest(values: readonly number[], period: number): boolean {
  const trend = centredMovingAverage(values, period);
  const sums = new Array<number>(period).fill(0);
  const counts = new Array<number>(period).fill(0);
  const detrended: { position: number; value: number }[] = [];
  trend.forEach((tr, t) => {
    if (Number.isNaN(tr)) return;
    const value = values[t] - tr;
    detrended.push({ position: t % period, value });
    sums[t % period] += value;
    counts[t % period] += 1;
  });
  const total = detrended.length;
  if (total <= period || counts.some((c) => c === 0)) return false;
  const grand = sums.reduce((a, b) => a + b, 0) / total;
  let between = 0;
  for (let p = 0; p < period; p++) between += counts[p] * (sums[p] / counts[p] - grand) ** 2;
  let within = 0;
  for (const { position, value } of detrended) within += (value - sums[position] / counts[position]) ** 2;
  if (within === 0) return between > 0;
  const d1 = period - 1;
  const d2 = total - period;
  const f = between / d1 / (within / d2);
  const a = 2 / (9 * d1);
  const b = 2 / (9 * d2);
  const z = ((1 - b) * Math.cbrt(f) - (1 - a)) / Math.sqrt(a + b * Math.cbrt(f) ** 2);
  return z > Z_ONE_SIDED_90;
}

/** Centred moving average of order `period` (2×m for even m); NaN where the window does not fit. */
export function centredMovingAverage(values: readonly number[], period: number): number[] {
  const n = values.length;
  const half = Math.floor(period / 2);
  const even = period % 2 === 0;
  return values.map((_, t) => {
    if (t < half || t >= n - half) return NaN;
    let sum = 0;
    if (even) {
      sum = 0.5 * values[t - half] + 0.5 * values[t + half];
      for (let j = t - half + 1; j < t + half; j++) sum += values[j];
    } else {
      for (let j = t - half; j <= t + half; j++) sum += values[j];
    }
    return sum / period;
  });
}

/**
 * Classical seasonal indices by cycle position (position p applies to observations t with t % period === p).
 * Centred moving-average trend, ratios (multiplicative) or differences (additive) averaged by
 * position, normalised to mean 1 (multiplicative) or 0 (additive). Needs at least two full seasons.
 * Returns `null` when the indices cannot be computed safely (too short, or a non-positive trend/index
 * for the multiplicative form).
 */
export function seasonalIndices(
  values: readonly number[],
  period: number,
  type: 'multiplicative' | 'additive',
): number[] | null {
  const n = values.length;
  if (period < 2 || n < 2 * period) return null;
  const trend = centredMovingAverage(values, period);
  const sums = new Array<number>(period).fill(0);
  const counts = new Array<number>(period).fill(0);
  for (let t = 0; t < n; t++) {
    if (Number.isNaN(trend[t])) continue;
    if (type === 'multiplicative') {
      if (!(trend[t] > 0)) return null;
      sums[t % period] += values[t] / trend[t];
    } else {
      sums[t % period] += values[t] - trend[t];
    }
    counts[t % period] += 1;
  }
  if (counts.some((c) => c === 0)) return null;
  const raw = sums.map((s, p) => s / counts[p]);
  const avg = raw.reduce((a, b) => a + b, 0) / period;
  if (type === 'additive') return raw.map((v) => v - avg);
  if (!(avg > 0)) return null;
  const idx = raw.map((v) => v / avg);
  return idx.every((v) => v > 1e-4) ? idx : null;
}

/** A seasonal adjustment of a history and its inverse for forecasts. */
export interface SeasonalAdjustment {
  adjusted: number[];
  /** Puts the seasonality back into forecasts (means and error sds) for the steps after the history. */
  restore(forecast: ModelForecast): ModelForecast;
}

/**
 * Classical seasonal adjustment when {@link isSeasonal} is positive: multiplicative for strictly
 * positive data (as `thetaf`), additive otherwise. Returns `null` for non-seasonal histories.
 */
export function seasonalAdjustment(series: readonly number[], period: number): SeasonalAdjustment | null {
  if (!isSeasonal(series, period)) return null;
  const n = series.length;
  if (series.every((v) => v > 0)) {
    const idx = seasonalIndices(series, period, 'multiplicative');
    if (!idx) return null;
    return {
      adjusted: series.map((v, t) => v / idx[t % period]),
      restore: (f) => ({
        mean: f.mean.map((v, k) => v * idx[(n + k) % period]),
        sd: f.sd.map((v, k) => v * idx[(n + k) % period]),
      }),
    };
  }
  const idx = seasonalIndices(series, period, 'additive');
  if (!idx) return null;
  return {
    adjusted: series.map((v, t) => v - idx[t % period]),
    restore: (f) => ({
      mean: f.mean.map((v, k) => v + idx[(n + k) % period]),
      sd: f.sd,
    }),
  };
}
