/**
 * Gaussian prediction intervals. Every model reports a forecast-error standard deviation per step
 * (analytic for ETS, SES-based for Theta, random-walk based for the naive methods); intervals are
 * mean ± z·sd. A combination averages the members' means and standard deviations, i.e. it averages
 * the members' quantiles.
 */
import { ModelForecast } from './model';
import { ForecastPoint } from './types';

/** Two-sided 80% and 95% standard normal quantiles. */
export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;

/** Element-wise average of forecasts with equal horizons (averages means and standard deviations). */
export function averageForecasts(members: readonly ModelForecast[]): ModelForecast {
  const horizon = members[0].mean.length;
  const k = members.length;
  const result: ModelForecast = {
    mean: new Array<number>(horizon).fill(0),
    sd: new Array<number>(horizon).fill(0),
  };
  for (const member of members) {
    for (let h = 0; h < horizon; h++) {
      result.mean[h] += member.mean[h] / k;
      result.sd[h] += member.sd[h] / k;
    }
  }
  return result;
}

/** Sets negative means to zero (used when the caller asks for non-negative forecasts). */
export function clampMeans(forecast: ModelForecast): ModelForecast {
  return { mean: forecast.mean.map((v) => Math.max(0, v)), sd: forecast.sd };
}

/** Builds the public points; bounds are clamped at zero when `nonNegative` is set. */
export function toPoints(forecast: ModelForecast, nonNegative: boolean): ForecastPoint[] {
  const clamp = (v: number): number => (nonNegative ? Math.max(0, v) : v);
  return forecast.mean.map((mean, h) => {
    const sd = forecast.sd[h];
    return {
      mean: clamp(mean),
      lower80: clamp(mean - Z80 * sd),
      upper80: clamp(mean + Z80 * sd),
      lower95: clamp(mean - Z95 * sd),
      upper95: clamp(mean + Z95 * sd),
    };
  });
}
