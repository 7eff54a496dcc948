/**
 * The standard Theta method (Assimakopoulos & Nikolopoulos 2000) in the form of Hyndman & Billah
 * (2003) and R's `forecast::thetaf`: SES with drift equal to half the slope of the linear trend,
 * applied to the seasonally adjusted series when the 90% seasonality test is positive
 * (classical multiplicative decomposition; additive if the data are not all positive).
 */
import { fitEts, forecastEts } from './ets';
import { ModelForecast } from './model';
import { seasonalAdjustment } from './seasonality';
import { linearTrend } from './stats';

/**
 * Theta forecast with the `thetaf` interval (SES error sd σ·sqrt(1 + (h−1)α²), reseasonalised).
 * Returns `null` when SES cannot be fitted (fewer than 6 observations).
 */
export function thetaForecast(series: readonly number[], period: number, horizon: number): ModelForecast | null {
  const n = series.length;
  const adjustment = seasonalAdjustment(series, period);
  const adjusted = adjustment ? adjustment.adjusted : series;
  const ses = fitEts(adjusted, 1, { error: 'A', trend: 'N', season: 'N' });
  if (!ses) return null;
  const level = forecastEts(ses, horizon).mean;
  const drift = linearTrend(adjusted).slope / 2;
  const alpha = Math.max(1e-10, ses.alpha);
  const offset = (1 - Math.pow(1 - alpha, n)) / alpha;
  const result: ModelForecast = {
    mean: level.map((v, k) => v + drift * (k + offset)),
    sd: level.map((_, k) => Math.sqrt(ses.sigma2 * (1 + k * alpha * alpha))),
  };
  return adjustment ? adjustment.restore(result) : result;
}
