/**
 * Exponential smoothing state-space models ETS(error, trend, season) after Hyndman et al. (2008),
 * following the conventions of R's `forecast::ets`: errors A/M, trend N/A/Ad (no multiplicative
 * trend), season N/A/M; parameters and the initial level/trend (and optionally the initial seasonal
 * states) estimated by maximum likelihood with Nelder–Mead; models compared by AICc.
 */
import { ModelForecast } from './model';
import { nelderMead } from './optimize';
import { seasonalIndices } from './seasonality';
import { linearTrend, mean } from './stats';

/** Model structure: error, trend and season components. */
export interface EtsSpec {
  error: 'A' | 'M';
  trend: 'N' | 'A' | 'Ad';
  season: 'N' | 'A' | 'M';
}

/** A fitted ETS model (states are on the original data scale). */
export interface EtsFit {
  spec: EtsSpec;
  period: number;
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  /** Final level, trend and seasonal states (seasonal indexed by cycle position t % period). */
  level: number;
  trend: number;
  seasonal: number[];
  n: number;
  /** Innovation variance (relative for multiplicative errors). */
  sigma2: number;
  aicc: number;
  /** Unconstrained optimiser solution, reused to warm-start refits of the same structure. */
  solution: number[];
}

/** Options for {@link fitEts} and {@link autoEts}. */
export interface EtsOptions {
  /** Also estimate the m−1 free initial seasonal states (default false: classical-decomposition start values). */
  optimizeSeasonalStates?: boolean;
  /** Optimiser evaluation budget per model (default 100 × number of parameters). */
  maxEvaluations?: number;
  /** Warm start (an earlier {@link EtsFit.solution} of the same structure). */
  start?: readonly number[];
}

const LOWER = 1e-4;
const UPPER = 0.9999;
const PHI_LOWER = 0.8;
const PHI_UPPER = 0.98;
const TINY = 1e-10;

const sigmoid = (u: number): number => 1 / (1 + Math.exp(-u));
const logit = (p: number): number => Math.log(p / (1 - p));

/** Short name such as `ETS(M,Ad,M)`. */
export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

interface Parameters {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  level: number;
  trend: number;
  seasonal: Float64Array;
}

interface FilterResult {
  criterion: number;
  sse: number;
  level: number;
  trend: number;
}

/**
 * Runs the model through the data, updating `p.seasonal` in place. The criterion is
 * −2·log-likelihood up to a constant: n·log(SSE) (+ 2·Σ log|μ_t| for multiplicative errors).
 */
function filter(y: Float64Array, spec: EtsSpec, period: number, p: Parameters): FilterResult {
  const n = y.length;
  const { alpha, gamma } = p;
  const phi = spec.trend === 'Ad' ? p.phi : 1;
  const betaRatio = spec.trend === 'N' ? 0 : p.beta / alpha;
  const seas = p.seasonal;
  const hasTrend = spec.trend !== 'N';
  const multError = spec.error === 'M';
  const seasonType = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
  const fail: FilterResult = {
    criterion: Infinity,
    sse: Infinity,
    level: NaN,
    trend: NaN,
  };
  let level = p.level;
  let trend = hasTrend ? p.trend : 0;
  let sse = 0;
  let logSum = 0;
  // Product of the one-step forecasts, folded into logSum every 8 steps (log is the costly part).
  let product = 1;
  let idx = 0;
  for (let t = 0; t < n; t++) {
    const phiB = phi * trend;
    const q = level + phiB;
    const s = seasonType === 0 ? 0 : seas[idx];
    const mu = seasonType === 2 ? q * s : q + s;
    const yt = y[t];
    let e: number;
    if (multError) {
      if (!(mu > TINY)) return fail;
      e = (yt - mu) / mu;
      product *= mu;
      if ((t & 7) === 7) {
        logSum += Math.log(product);
        product = 1;
      }
    } else {
      e = yt - mu;
    }
    sse += e * e;
    let newLevel: number;
    if (seasonType === 2) {
      if (!(Math.abs(s) > TINY) || !(Math.abs(q) > TINY)) return fail;
      newLevel = q + alpha * (yt / s - q);
      seas[idx] = s + gamma * (yt / q - s);
    } else {
      newLevel = q + alpha * (yt - s - q);
      if (seasonType === 1) seas[idx] = s + gamma * (yt - q - s);
    }
    if (hasTrend) trend = phiB + betaRatio * (newLevel - level - phiB);
    level = newLevel;
    if (++idx === period) idx = 0;
  }
  if (multError) logSum += Math.log(product);
  const criterion = n * Math.log(sse + n * 1e-24) + (multError ? 2 * logSum : 0);
  return { criterion, sse, level, trend };
}

/** Layout of the unconstrained optimisation vector for one structure. */
class Layout {
  readonly hasTrend: boolean;
  readonly damped: boolean;
  readonly seasonal: boolean;
  readonly freeSeasonal: number;
  /** Number of estimated quantities (smoothing parameters and initial states), as counted for AICc. */
  readonly nParams: number;

  constructor(
    readonly spec: EtsSpec,
    readonly period: number,
    readonly optimizeSeasonal: boolean,
  ) {
    this.hasTrend = spec.trend !== 'N';
    this.damped = spec.trend === 'Ad';
    this.seasonal = spec.season !== 'N';
    this.freeSeasonal = this.seasonal && optimizeSeasonal ? period - 1 : 0;
    const smoothing = 1 + (this.hasTrend ? 1 : 0) + (this.seasonal ? 1 : 0) + (this.damped ? 1 : 0);
    const states = 1 + (this.hasTrend ? 1 : 0) + (this.seasonal ? period - 1 : 0);
    this.nParams = smoothing + states;
  }

  /** Maps the unconstrained vector to parameters; `baseSeasonal` supplies states that are not optimised. */
  decode(u: readonly number[], baseSeasonal: Float64Array, out: Parameters): boolean {
    let k = 0;
    const alpha = LOWER + (UPPER - LOWER) * sigmoid(u[k++]);
    const beta = this.hasTrend ? LOWER + (alpha - LOWER) * sigmoid(u[k++]) : 0;
    const gamma = this.seasonal ? LOWER + (1 - alpha - LOWER) * sigmoid(u[k++]) : 0;
    const phi = this.damped ? PHI_LOWER + (PHI_UPPER - PHI_LOWER) * sigmoid(u[k++]) : 1;
    out.alpha = alpha;
    out.beta = beta;
    out.gamma = gamma;
    out.phi = phi;
    out.level = u[k++];
    out.trend = this.hasTrend ? u[k++] : 0;
    if (!this.seasonal) return true;
    if (this.freeSeasonal === 0) {
      out.seasonal.set(baseSeasonal);
      return true;
    }
    const m = this.period;
    let sum = 0;
    for (let j = 0; j < m - 1; j++) {
      out.seasonal[j] = u[k++];
      sum += out.seasonal[j];
    }
    out.seasonal[m - 1] = this.spec.season === 'M' ? m - sum : -sum;
    if (this.spec.season === 'M') {
      for (let j = 0; j < m; j++) if (!(out.seasonal[j] > 0)) return false;
    }
    return true;
  }

  /** Unconstrained start vector from smoothing-parameter guesses and heuristic initial states. */
  encode(p: Parameters): number[] {
    const u = [logit((p.alpha - LOWER) / (UPPER - LOWER))];
    if (this.hasTrend) u.push(logit((p.beta - LOWER) / (p.alpha - LOWER)));
    if (this.seasonal) u.push(logit((p.gamma - LOWER) / (1 - p.alpha - LOWER)));
    if (this.damped) u.push(logit((p.phi - PHI_LOWER) / (PHI_UPPER - PHI_LOWER)));
    u.push(p.level);
    if (this.hasTrend) u.push(p.trend);
    for (let j = 0; j < this.freeSeasonal; j++) u.push(p.seasonal[j]);
    return u;
  }

  steps(start: readonly number[], levelScale: number): number[] {
    const steps: number[] = [];
    let k = 0;
    const smoothing = 1 + (this.hasTrend ? 1 : 0) + (this.seasonal ? 1 : 0) + (this.damped ? 1 : 0);
    for (; k < smoothing; k++) steps.push(0.5);
    steps.push(0.1 * Math.max(Math.abs(start[k++]), levelScale));
    if (this.hasTrend) steps.push(0.01 * levelScale + 0.1 * Math.abs(start[k++]));
    for (let j = 0; j < this.freeSeasonal; j++) steps.push(this.spec.season === 'M' ? 0.05 : 0.05 * levelScale);
    return steps;
  }
}

/** Heuristic initial states as in R's `initstate`: decomposition for the seasonal states, then a line on the adjusted start. */
function initialStates(
  y: Float64Array,
  spec: EtsSpec,
  period: number,
): { level: number; trend: number; seasonal: Float64Array } {
  const n = y.length;
  const m = spec.season === 'N' ? 1 : period;
  const seasonal = new Float64Array(m);
  let adjusted: number[] = Array.from(y);
  if (spec.season !== 'N') {
    const values = Array.from(y);
    const type = spec.season === 'M' ? 'multiplicative' : 'additive';
    const idx = seasonalIndices(values, period, type) ?? regressionIndices(values, period, type);
    if (spec.season === 'M') {
      const clipped = idx.map((v) => Math.max(v, 1e-2));
      const scale = period / clipped.reduce((a, b) => a + b, 0);
      for (let j = 0; j < m; j++) seasonal[j] = clipped[j] * scale;
      adjusted = values.map((v, t) => v / seasonal[t % m]);
    } else {
      for (let j = 0; j < m; j++) seasonal[j] = idx[j];
      adjusted = values.map((v, t) => v - seasonal[t % m]);
    }
  }
  const head = adjusted.slice(0, Math.min(Math.max(10, 2 * m), n));
  if (spec.trend === 'N') return { level: mean(head), trend: 0, seasonal };
  const line = linearTrend(head);
  // lsfit over t = 1..maxn: the intercept is the level at time 0, i.e. one step before the first observation.
  let level = line.intercept - line.slope;
  let trend = line.slope;
  if (Math.abs(level + trend) < 1e-8) {
    level *= 1 + 1e-3;
    trend *= 1 - 1e-3;
  }
  return { level, trend, seasonal };
}

/** Seasonal indices from a linear detrend, for histories too short or irregular for classical decomposition. */
function regressionIndices(values: number[], period: number, type: 'multiplicative' | 'additive'): number[] {
  const { intercept, slope } = linearTrend(values);
  const sums = new Array<number>(period).fill(0);
  const counts = new Array<number>(period).fill(0);
  values.forEach((v, t) => {
    const trend = intercept + slope * t;
    sums[t % period] += type === 'multiplicative' ? (Math.abs(trend) > TINY ? v / trend : 1) : v - trend;
    counts[t % period] += 1;
  });
  const raw = sums.map((s, j) => (counts[j] > 0 ? s / counts[j] : type === 'multiplicative' ? 1 : 0));
  const avg = mean(raw);
  return type === 'multiplicative' ? raw.map((v) => (avg > TINY ? v / avg : 1)) : raw.map((v) => v - avg);
}

/** True when the structure can be fitted to this data (positivity for multiplicative parts, enough observations). */
export function isAdmissibleSpec(y: readonly number[], period: number, spec: EtsSpec): boolean {
  if (spec.season !== 'N' && (period < 2 || y.length < 2 * period)) return false;
  if ((spec.error === 'M' || spec.season === 'M') && !y.every((v) => v > 0)) return false;
  const layout = new Layout(spec, period, false);
  return y.length >= layout.nParams + 4;
}

/**
 * Fits one ETS structure by maximum likelihood. The data are rescaled to unit mean absolute value for
 * the optimiser and the states mapped back afterwards. Returns `null` if the structure is not admissible
 * or no finite likelihood was found.
 */
export function fitEts(
  series: readonly number[],
  period: number,
  spec: EtsSpec,
  options: EtsOptions = {},
): EtsFit | null {
  if (!isAdmissibleSpec(series, period, spec)) return null;
  const n = series.length;
  const scale = mean(series.map(Math.abs)) || 1;
  const y = Float64Array.from(series, (v) => v / scale);
  const m = spec.season === 'N' ? 1 : period;
  const layout = new Layout(spec, m, options.optimizeSeasonalStates ?? false);
  const init = initialStates(y, spec, m);
  const seasonalCount = spec.season === 'N' ? 1 : period;
  const startParams: Parameters = {
    alpha: LOWER + (0.2 * (UPPER - LOWER)) / seasonalCount,
    beta: 0,
    gamma: 0,
    phi: PHI_LOWER + 0.99 * (PHI_UPPER - PHI_LOWER),
    level: init.level,
    trend: init.trend,
    seasonal: init.seasonal,
  };
  startParams.beta = LOWER + 0.1 * (startParams.alpha - LOWER);
  startParams.gamma = LOWER + 0.05 * (1 - startParams.alpha - LOWER);
  const start =
    options.start && options.start.length === layout.encode(startParams).length
      ? options.start.slice()
      : layout.encode(startParams);

  const work: Parameters = { ...startParams, seasonal: new Float64Array(m) };
  const objective = (u: number[]): number => {
    if (!layout.decode(u, init.seasonal, work)) return Infinity;
    return filter(y, spec, m, work).criterion;
  };
  const result = nelderMead(objective, start, {
    maxEvaluations: options.maxEvaluations ?? 100 * start.length,
    step: layout.steps(start, 1),
  });
  if (!Number.isFinite(result.value)) return null;
  layout.decode(result.x, init.seasonal, work);
  const final = filter(y, spec, m, work);
  const np = layout.nParams + 1;
  const aic = final.criterion + 2 * np;
  const aicc = n - np - 1 > 0 ? aic + (2 * np * (np + 1)) / (n - np - 1) : Infinity;
  const multError = spec.error === 'M';
  return {
    spec,
    period: m,
    alpha: work.alpha,
    beta: work.beta,
    gamma: work.gamma,
    phi: work.phi,
    level: final.level * scale,
    trend: final.trend * scale,
    seasonal: Array.from(work.seasonal, (s) => (spec.season === 'A' ? s * scale : s)),
    n,
    sigma2: (final.sse / Math.max(1, n - np)) * (multError ? 1 : scale * scale),
    aicc,
    solution: result.x,
  };
}

/**
 * ETS structures in the style of R's `ets` defaults: no multiplicative trend and no additive error
 * with multiplicative season; seasonal structures only when `seasonal`; trends restricted to `trends`.
 */
export function defaultSpecs(seasonal: boolean, trends: readonly EtsSpec['trend'][] = ['N', 'A', 'Ad']): EtsSpec[] {
  const specs: EtsSpec[] = [];
  for (const error of ['A', 'M'] as const) {
    for (const trend of trends) {
      for (const season of seasonal ? (['N', 'A', 'M'] as const) : (['N'] as const)) {
        if (error === 'A' && season === 'M') continue;
        specs.push({ error, trend, season });
      }
    }
  }
  return specs;
}

/** Fits every admissible structure in `specs` and returns the one with the lowest AICc (`null` if none fits). */
export function autoEts(
  series: readonly number[],
  period: number,
  specs: readonly EtsSpec[],
  options: EtsOptions = {},
): EtsFit | null {
  let best: EtsFit | null = null;
  for (const spec of specs) {
    const fit = fitEts(series, period, spec, options);
    if (fit && (!best || fit.aicc < best.aicc)) best = fit;
  }
  return best;
}

/**
 * Point forecasts and forecast-error standard deviations. Variances are the analytic class-1
 * expressions (additive errors): σ²[1 + Σ_{j<h} c_j²] with c_j = α + β Σ_{i≤j} φ^i + γ·1[j mod m = 0].
 * For multiplicative errors the class-2 recursion θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h−j},
 * v_h = (1 + σ²) θ_h − μ_h² is used (exact for M,N/A/Ad,N; an approximation with seasonality).
 */
export function forecastEts(fit: EtsFit, horizon: number): ModelForecast {
  const { spec, period, alpha, beta, gamma, phi } = fit;
  const mean: number[] = [];
  const c: number[] = [];
  let phiSum = 0;
  let phiPow = 1;
  for (let h = 1; h <= horizon; h++) {
    phiPow *= spec.trend === 'Ad' ? phi : 1;
    phiSum += phiPow;
    const trendPart = fit.level + (spec.trend === 'N' ? 0 : phiSum * fit.trend);
    const s = fit.seasonal[(fit.n + h - 1) % period];
    mean.push(spec.season === 'N' ? trendPart : spec.season === 'A' ? trendPart + s : trendPart * s);
    c.push(alpha + (spec.trend === 'N' ? 0 : beta * phiSum) + (spec.season !== 'N' && h % period === 0 ? gamma : 0));
  }
  const sd: number[] = [];
  if (spec.error === 'A') {
    let acc = 1;
    for (let h = 1; h <= horizon; h++) {
      sd.push(Math.sqrt(fit.sigma2 * acc));
      acc += c[h - 1] * c[h - 1];
    }
  } else {
    const theta: number[] = [];
    for (let h = 1; h <= horizon; h++) {
      let th = mean[h - 1] * mean[h - 1];
      for (let j = 1; j < h; j++) th += fit.sigma2 * c[j - 1] * c[j - 1] * theta[h - j - 1];
      theta.push(th);
      sd.push(Math.sqrt(Math.max(0, (1 + fit.sigma2) * th - mean[h - 1] * mean[h - 1])));
    }
  }
  return { mean, sd };
}
