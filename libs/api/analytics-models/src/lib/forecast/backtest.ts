/**
 * Rolling-origin back-test: the models are re-fitted on a few prefixes of the history and scored on
 * the following observations.
 */
import { meanAbsoluteError, maseScale, smape } from './metrics';
import { ModelForecast } from './model';

/** Forecast origins (lengths of the training prefixes, ascending) and the common back-test horizon. */
export interface BacktestPlan {
  horizon: number;
  origins: number[];
}

/** Accuracy of one candidate averaged over the origins. */
export interface BacktestScore {
  /** Mean MASE over origins; `null` if some training window has a zero (or undefined) scale. */
  mase: number | null;
  smape: number;
  mae: number;
}

/**
 * Chooses the longest horizon h ≤ `horizon` such that `originCount` origins spaced ⌊h/2⌋ apart
 * (the last one at n − h) all keep at least `minTrain` observations for training. Falls back to fewer
 * origins before giving up; returns `null` when not even one origin with a one-step horizon fits.
 */
export function planBacktest(n: number, horizon: number, minTrain: number, originCount: number): BacktestPlan | null {
  for (let count = originCount; count >= 1; count--) {
    for (let h = horizon; h >= 1; h--) {
      const step = Math.max(1, Math.floor(h / 2));
      const first = n - h - (count - 1) * step;
      if (first >= minTrain) {
        const origins = Array.from({ length: count }, (_, k) => first + k * step);
        return { horizon: h, origins };
      }
    }
  }
  return null;
}

/** Scores a candidate's back-test forecasts (one per origin of `plan`) against the history. */
export function scoreBacktest(
  history: readonly number[],
  period: number,
  plan: BacktestPlan,
  forecasts: readonly ModelForecast[],
): BacktestScore {
  let maseSum = 0;
  let maseValid = true;
  let smapeSum = 0;
  let maeSum = 0;
  plan.origins.forEach((origin, k) => {
    const actual = history.slice(origin, origin + plan.horizon);
    const predicted = forecasts[k].mean;
    const mae = meanAbsoluteError(actual, predicted);
    const scale = maseScale(history.slice(0, origin), period);
    if (scale > 0) maseSum += mae / scale;
    else maseValid = false;
    smapeSum += smape(actual, predicted);
    maeSum += mae;
  });
  const count = plan.origins.length;
  return {
    mase: maseValid ? maseSum / count : null,
    smape: smapeSum / count,
    mae: maeSum / count,
  };
}
