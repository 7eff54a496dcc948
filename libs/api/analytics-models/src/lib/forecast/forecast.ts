/**
 * Revenue forecasting engine: fits the candidate models, back-tests them on rolling origins and
 * returns the forecast of the chosen candidate (the ETS + Theta + ARIMA combination unless a single
 * model is clearly better in the back-test).
 */
import { BacktestPlan, planBacktest, scoreBacktest } from './backtest';
import { arimaModel, etsModel, naiveModel, seasonalNaiveModel, thetaModel } from './candidates';
import { repairHistory } from './history';
import { averageForecasts, clampMeans, toPoints } from './intervals';
import { BaseModel, ModelForecast } from './model';
import { shortHistoryForecast } from './naive';
import { isConstant } from './stats';
import { BacktestSummary, ForecastOptions, ForecastResult } from './types';

/** Histories shorter than this get the naive forecast with heuristic wide intervals. */
const MIN_MODEL_LENGTH = 4;
/** Number of rolling origins in the back-test. */
const BACKTEST_ORIGINS = 3;
/**
 * Another candidate replaces the default (the combination) only when its back-test error is below
 * this fraction of the default's. Per-series argmin selection over-fits the few back-test origins;
 * on M3 it costs ~0.6 sMAPE points against this rule (see docs/adr/0002-forecasting-engine.md).
 */
const SWITCH_RATIO = 0.5;

/** A model ready for selection: its full-history forecast and one back-test forecast per origin. */
interface Candidate {
  id: string;
  label: string;
  forecast: ModelForecast;
  backtest: ModelForecast[];
}

const NO_BACKTEST: BacktestSummary = { mase: null, smape: null, horizon: 0, benchmark: null, fallback: false };

/**
 * The simple benchmarks: a chosen model that back-tests worse than the better of them is replaced by
 * it. A sophisticated forecast that loses to "same as last period" on this very history earns no trust.
 */
const BENCHMARK_IDS = new Set(['naive', 'seasonal-naive']);
/**
 * The benchmark replaces the usual choice when that choice's MASE is above 1 (its errors exceed the
 * typical one-season change) and the benchmark's back-test error is below this fraction of it. Any
 * looser rule over-fits the three origins: on the M3 validation split, replacing whenever the
 * benchmark is better cost 0.64 sMAPE points, this rule 0.11 (ADR 0002).
 */
const BENCHMARK_RATIO = 0.8;

function validate(options: ForecastOptions): void {
  const { period, horizon, levels } = options;
  if (!Number.isInteger(period) || period < 1) throw new RangeError(`period must be a positive integer, got ${period}`);
  if (!Number.isInteger(horizon) || horizon < 0)
    throw new RangeError(`horizon must be a non-negative integer, got ${horizon}`);
  if (levels && (levels[0] !== 80 || levels[1] !== 95)) throw new RangeError('only the levels [80, 95] are supported');
}

/** Members of the equal-weight combination (those that could be fitted; at least two). */
const COMBINATION_MEMBERS = ['ets', 'theta', 'arima'];

/** Fits the base models suitable for this history and adds the combination; the first candidate is the default. */
function buildCandidates(
  values: readonly number[],
  period: number,
  horizon: number,
  seasonal: boolean,
  plan: BacktestPlan | null,
): Candidate[] {
  const models: BaseModel[] = isConstant(values)
    ? [naiveModel]
    : [
        etsModel(period, seasonal),
        thetaModel(period),
        arimaModel(period),
        ...(seasonal ? [seasonalNaiveModel(period)] : []),
        naiveModel,
      ];
  const candidates = new Map<string, Candidate>();
  for (const model of models) {
    const fitted = model.fit(values, horizon);
    if (!fitted) continue;
    const backtest = plan ? plan.origins.map((origin) => fitted.refit(values.slice(0, origin), plan.horizon)) : [];
    candidates.set(model.id, {
      id: model.id,
      label: fitted.label,
      forecast: fitted,
      backtest,
    });
  }
  const members = COMBINATION_MEMBERS.map((id) => candidates.get(id)).filter((c): c is Candidate => c !== undefined);
  if (members.length < 2) return [...candidates.values()];
  const combination: Candidate = {
    id: 'combination',
    label: `Combination(${members.map((m) => m.label).join(', ')})`,
    forecast: averageForecasts(members.map((m) => m.forecast)),
    backtest: (plan?.origins ?? []).map((_, k) => averageForecasts(members.map((m) => m.backtest[k]))),
  };
  return [combination, ...candidates.values()];
}

function describe(score: { mase: number | null; smape: number; mae: number }): string {
  return score.mase !== null ? `MASE ${score.mase.toFixed(2)}` : `MAE ${score.mae.toFixed(2)}`;
}

/**
 * Forecasts a univariate series (e.g. monthly revenue) with automatic model selection.
 *
 * Candidates: automatic ETS (AICc over ETS(A|M, N|Ad, N|A|M), maximum likelihood via Nelder–Mead),
 * the Theta method (`thetaf`), automatic seasonal ARIMA (CSS, stepwise AICc), the equal-weight
 * combination of these three, seasonal naive and naive. Each is
 * re-fitted on up to three rolling origins of the history and scored by mean back-test MASE. The
 * combination is the default; the candidate with the lowest back-test MASE replaces it only when its
 * MASE is less than half the combination's (per-series argmin selection over-fits the back-test).
 * Whatever is chosen then gives way to the better of naive and seasonal naive when its MASE is above
 * 1 and that benchmark back-tests clearly better (`backtest.fallback`); `backtest.benchmark` reports
 * the benchmark's score either way.
 * Prediction intervals are Gaussian with model-based standard deviations (see `intervals.ts`).
 *
 * Degradation: non-finite values are interpolated; fewer than two full seasons disables seasonal
 * models; fewer than 4 points gives a naive forecast with wide heuristic intervals; an empty history
 * gives an empty forecast. Every such case is explained in `notes`.
 *
 * @param series observations in time order, oldest first.
 * @param options period, horizon and the optional non-negative clamp.
 * @throws RangeError if `period` is not a positive integer, `horizon` is not a non-negative integer or
 *   `levels` is not `[80, 95]`.
 */
export function forecast(series: readonly number[], options: ForecastOptions): ForecastResult {
  validate(options);
  const { period, horizon } = options;
  const nonNegative = options.nonNegative ?? false;
  const notes: string[] = [];
  const { values, replaced } = repairHistory(series);
  if (replaced > 0) notes.push(`${replaced} non-finite value(s) replaced by linear interpolation.`);
  const n = values.length;
  if (n === 0)
    return {
      model: 'None',
      points: [],
      backtest: NO_BACKTEST,
      notes: [...notes, 'No history: empty forecast.'],
    };
  if (horizon === 0)
    return {
      model: 'None',
      points: [],
      backtest: NO_BACKTEST,
      notes: [...notes, 'Horizon 0: nothing to forecast.'],
    };
  if (nonNegative) notes.push('Forecasts and interval bounds are clamped at zero.');
  if (n < MIN_MODEL_LENGTH) {
    notes.push(`Only ${n} observation(s): naive forecast with heuristic wide intervals, no back-test.`);
    const short = shortHistoryForecast(values, horizon);
    return {
      model: 'Naive',
      points: toPoints(nonNegative ? clampMeans(short) : short, nonNegative),
      backtest: NO_BACKTEST,
      notes,
    };
  }

  const seasonal = period >= 2 && n >= 2 * period;
  if (period >= 2 && !seasonal)
    notes.push(`Fewer than two full seasons (${n} < 2 × ${period}): seasonal models not considered.`);
  if (isConstant(values)) notes.push('Constant history: the forecast repeats it with zero-width intervals.');
  const plan =
    planBacktest(n, horizon, seasonal ? 2 * period + 1 : MIN_MODEL_LENGTH, BACKTEST_ORIGINS) ??
    planBacktest(n, horizon, MIN_MODEL_LENGTH, BACKTEST_ORIGINS);
  const candidates = buildCandidates(values, period, horizon, seasonal, plan).map((c) =>
    nonNegative
      ? {
          ...c,
          forecast: clampMeans(c.forecast),
          backtest: c.backtest.map(clampMeans),
        }
      : c,
  );

  if (!plan) {
    const chosen = candidates[0];
    notes.push(`History too short to back-test: ${chosen.label} chosen by default.`);
    return {
      model: chosen.label,
      points: toPoints(chosen.forecast, nonNegative),
      backtest: NO_BACKTEST,
      notes,
    };
  }
  if (plan.horizon < horizon) notes.push(`Back-test horizon shortened to ${plan.horizon} (history length ${n}).`);
  if (plan.origins.length < BACKTEST_ORIGINS)
    notes.push(`Back-test uses ${plan.origins.length} origin(s) instead of ${BACKTEST_ORIGINS}.`);

  const scored = candidates.map((candidate) => ({
    candidate,
    score: scoreBacktest(values, period, plan, candidate.backtest),
  }));
  const byMase = scored.every((s) => s.score.mase !== null);
  if (!byMase) notes.push('Back-test MASE undefined (a training window has no variation): models compared by MAE.');
  const key = (s: (typeof scored)[number]): number => (byMase ? (s.score.mase as number) : s.score.mae);
  const lowest = scored.reduce((a, b) => (key(b) < key(a) ? b : a));
  const preferred = key(lowest) < SWITCH_RATIO * key(scored[0]) ? lowest : scored[0];
  const benchmarks = scored.filter((s) => BENCHMARK_IDS.has(s.candidate.id));
  const benchmark = benchmarks.length > 0 ? benchmarks.reduce((a, b) => (key(b) < key(a) ? b : a)) : null;
  const fallback =
    benchmark !== null &&
    benchmark !== preferred &&
    preferred.score.mase !== null &&
    preferred.score.mase > 1 &&
    key(benchmark) < BENCHMARK_RATIO * key(preferred);
  const best = fallback && benchmark ? benchmark : preferred;
  if (fallback)
    notes.push(
      `${preferred.candidate.label} back-tested worse than ${best.candidate.label} (${describe(preferred.score)} against ${describe(best.score)}): ${best.candidate.label} used instead.`,
    );
  return {
    model: best.candidate.label,
    points: toPoints(best.candidate.forecast, nonNegative),
    backtest: {
      mase: best.score.mase,
      smape: best.score.smape,
      horizon: plan.horizon,
      benchmark: benchmark
        ? { model: benchmark.candidate.label, mase: benchmark.score.mase, smape: benchmark.score.smape }
        : null,
      fallback,
    },
    notes,
  };
}
