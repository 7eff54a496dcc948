/**
 * The base models of the engine: naive, seasonal naive, automatic ETS, Theta and automatic ARIMA
 * (combinations of them are formed by the engine from their forecasts).
 */
import { arimaName, autoArima, fitArima, forecastArima } from './arima';
import { autoEts, defaultSpecs, etsName, EtsFit, EtsSpec, fitEts, forecastEts } from './ets';
import { BaseModel, ModelForecast } from './model';
import { naiveForecast, seasonalNaiveForecast } from './naive';
import { seasonalAdjustment } from './seasonality';
import { thetaForecast } from './theta';

/** Naive forecast, used where a model cannot be fitted to a (shorter) history. */
const fallback = (history: readonly number[], horizon: number): ModelForecast => naiveForecast(history, horizon);

/** Random walk: the last observation. */
export const naiveModel: BaseModel = {
  id: 'naive',
  fit: (history, horizon) => ({
    label: 'Naive',
    ...naiveForecast(history, horizon),
    refit: naiveForecast,
  }),
};

/** Seasonal naive: the value one season earlier. Needs a full season. */
export function seasonalNaiveModel(period: number): BaseModel {
  const run = (history: readonly number[], horizon: number): ModelForecast =>
    history.length >= period ? seasonalNaiveForecast(history, period, horizon) : fallback(history, horizon);
  return {
    id: 'seasonal-naive',
    fit: (history, horizon) =>
      history.length >= period ? { label: 'SeasonalNaive', ...run(history, horizon), refit: run } : null,
  };
}

/** Longest period for which ETS models the seasonal states itself (as R's `ets`); longer periods are seasonally adjusted first. */
const MAX_ETS_SEASONAL_PERIOD = 24;

/**
 * Trends the engine's ETS considers: none or damped. Dropping the undamped linear trend improved ETS
 * and the combination on the M3 validation split (ADR 0002); the Theta drift covers linear trends.
 */
const ETS_TRENDS: readonly EtsSpec['trend'][] = ['N', 'Ad'];

/**
 * Automatic ETS: every admissible structure with no or damped trend (seasonal ones only when
 * `seasonal`), lowest AICc wins.
 * Back-test refits keep the chosen structure and warm-start the optimiser from the full-history fit.
 * For periods above 24 (weekly data) the m−1 extra seasonal states swamp the AICc, so non-seasonal
 * ETS is fitted to the classically seasonally adjusted series instead (as R's `stlf`).
 */
export function etsModel(period: number, seasonal: boolean): BaseModel {
  if (seasonal && period > MAX_ETS_SEASONAL_PERIOD) return adjustedEtsModel(period);
  const specs = defaultSpecs(seasonal, ETS_TRENDS);
  const autoForecast = (history: readonly number[], horizon: number): ModelForecast => {
    const fit = autoEts(history, period, specs);
    return fit ? forecastEts(fit, horizon) : fallback(history, horizon);
  };
  return {
    id: 'ets',
    fit: (history, horizon) => {
      const fit: EtsFit | null = autoEts(history, period, specs);
      if (!fit) return null;
      return {
        label: etsName(fit.spec),
        ...forecastEts(fit, horizon),
        refit: (prefix, h) => {
          const refitted = fitEts(prefix, period, fit.spec, {
            start: fit.solution,
          });
          return refitted ? forecastEts(refitted, h) : autoForecast(prefix, h);
        },
      };
    },
  };
}

/** Non-seasonal automatic ETS on the seasonally adjusted series (when the seasonality test is positive). */
function adjustedEtsModel(period: number): BaseModel {
  const specs = defaultSpecs(false, ETS_TRENDS);
  const run = (
    history: readonly number[],
    horizon: number,
    spec?: EtsSpec,
  ): { label: string; spec: EtsSpec; forecast: ModelForecast } | null => {
    const adjustment = seasonalAdjustment(history, period);
    const adjusted = adjustment ? adjustment.adjusted : history;
    const fit = (spec && fitEts(adjusted, 1, spec)) || autoEts(adjusted, 1, specs);
    if (!fit) return null;
    const forecast = forecastEts(fit, horizon);
    return adjustment
      ? {
          label: `SeasAdj-${etsName(fit.spec)}`,
          spec: fit.spec,
          forecast: adjustment.restore(forecast),
        }
      : { label: etsName(fit.spec), spec: fit.spec, forecast };
  };
  return {
    id: 'ets',
    fit: (history, horizon) => {
      const full = run(history, horizon);
      if (!full) return null;
      return {
        label: full.label,
        ...full.forecast,
        refit: (prefix, h) => run(prefix, h, full.spec)?.forecast ?? fallback(prefix, h),
      };
    },
  };
}

/** Automatic seasonal ARIMA (see `arima.ts`); back-test refits keep the chosen orders. */
export function arimaModel(period: number): BaseModel {
  const autoForecast = (history: readonly number[], horizon: number): ModelForecast => {
    const fit = autoArima(history, period);
    return fit ? forecastArima(fit, horizon) : fallback(history, horizon);
  };
  return {
    id: 'arima',
    fit: (history, horizon) => {
      const fit = autoArima(history, period);
      if (!fit) return null;
      return {
        label: arimaName(fit),
        ...forecastArima(fit, horizon),
        refit: (prefix, h) => {
          const refitted = fitArima(prefix, period, fit.order, fit.log, fit.solution);
          return refitted ? forecastArima(refitted, h) : autoForecast(prefix, h);
        },
      };
    },
  };
}

/** Standard Theta method with multiplicative seasonal adjustment (see `theta.ts`). */
export function thetaModel(period: number): BaseModel {
  const run = (history: readonly number[], horizon: number): ModelForecast =>
    thetaForecast(history, period, horizon) ?? fallback(history, horizon);
  return {
    id: 'theta',
    fit: (history, horizon) => {
      const result = thetaForecast(history, period, horizon);
      return result ? { label: 'Theta', ...result, refit: run } : null;
    },
  };
}
