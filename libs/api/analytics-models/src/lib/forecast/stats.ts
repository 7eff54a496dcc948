/** Small numeric helpers shared by the forecasting models. */

/** Arithmetic mean; 0 for an empty array. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Ordinary least-squares line `y = intercept + slope * x` fitted to `x = 0..n-1`. */
export function linearTrend(values: readonly number[]): {
  intercept: number;
  slope: number;
} {
  const n = values.length;
  if (n < 2) return { intercept: n === 1 ? values[0] : 0, slope: 0 };
  const xBar = (n - 1) / 2;
  const yBar = mean(values);
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - xBar) * (values[t] - yBar);
    sxx += (t - xBar) * (t - xBar);
  }
  const slope = sxy / sxx;
  return { intercept: yBar - slope * xBar, slope };
}

/** Sample autocorrelations r_1..r_maxLag (the `acf` estimator, divisor n). Zeros for a constant series. */
export function autocorrelations(values: readonly number[], maxLag: number): number[] {
  const n = values.length;
  const mu = mean(values);
  let c0 = 0;
  for (const v of values) c0 += (v - mu) * (v - mu);
  const result: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    if (c0 === 0 || k >= n) {
      result.push(0);
      continue;
    }
    let ck = 0;
    for (let t = 0; t + k < n; t++) ck += (values[t] - mu) * (values[t + k] - mu);
    result.push(ck / c0);
  }
  return result;
}

/** True when every value equals the first one (within a relative tolerance). */
export function isConstant(values: readonly number[]): boolean {
  if (values.length === 0) return true;
  const first = values[0];
  const tol = 1e-10 * Math.max(1, Math.abs(first));
  return values.every((v) => Math.abs(v - first) <= tol);
}
