/**
 * Seasonal ARIMA(p,1,q)(P,D,Q)_m fitted by conditional sum of squares (CSS) with Nelder–Mead and
 * chosen by AICc with a Hyndman–Khandakar style stepwise search (p, q ≤ 2; P, Q ≤ 1). Positive data
 * are modelled on the log scale. Used as the ARIMA-type member of the engine's combination.
 *
 * Simplifications against R's `auto.arima`: one regular difference always (no KPSS test), a seasonal
 * difference when the 90% seasonality test is positive, CSS instead of exact likelihood.
 */
import { ModelForecast } from './model';
import { nelderMead } from './optimize';
import { isSeasonal } from './seasonality';
import { mean } from './stats';

/** ARIMA orders; `drift` adds a constant to the differenced series (only without seasonal differencing). */
export interface ArimaOrder {
  p: number;
  q: number;
  P: number;
  Q: number;
  D: 0 | 1;
  drift: boolean;
}

/** A fitted model, ready to forecast. */
export interface ArimaFit {
  order: ArimaOrder;
  period: number;
  /** True when the model was fitted to log(series). */
  log: boolean;
  /** Expanded AR and MA coefficients of the (stationary) differenced series, index = lag. */
  ar: number[];
  ma: number[];
  drift: number;
  sigma2: number;
  aicc: number;
  /** Transformed history, differenced history and CSS residuals (for forecasting). */
  y: number[];
  w: number[];
  residuals: number[];
  solution: number[];
}

/** Short name such as `ARIMA(1,1,1)(0,1,1)[12]`. */
export function arimaName(fit: ArimaFit): string {
  const { p, q, P, Q, D, drift } = fit.order;
  const seasonal = P + Q + D > 0 ? `(${P},${D},${Q})[${fit.period}]` : '';
  return `${fit.log ? 'log-' : ''}ARIMA(${p},1,${q})${seasonal}${drift ? '+drift' : ''}`;
}

/** Maps unconstrained values to the coefficients of a stationary AR polynomial (partial autocorrelations via tanh, Durbin–Levinson). */
function stationaryCoefficients(raw: readonly number[]): number[] {
  let phi: number[] = [];
  for (let k = 0; k < raw.length; k++) {
    const r = Math.tanh(raw[k]);
    const next = phi.map((v, i) => v - r * phi[k - 1 - i]);
    next.push(r);
    phi = next;
  }
  return phi;
}

/** Product of polynomials given by coefficient arrays (index = power of B). */
function multiply(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  a.forEach((x, i) => b.forEach((y, j) => (out[i + j] += x * y)));
  return out;
}

/** (1 − B)(1 − B^m)^D as coefficients. */
function differencingPolynomial(period: number, D: number): number[] {
  let poly = [1, -1];
  if (D === 1) {
    const seasonal = new Array<number>(period + 1).fill(0);
    seasonal[0] = 1;
    seasonal[period] = -1;
    poly = multiply(poly, seasonal);
  }
  return poly;
}

/** Applies a polynomial filter (coefficients with poly[0] = 1) to y, dropping the first deg values. */
function applyFilter(y: readonly number[], poly: readonly number[]): number[] {
  const deg = poly.length - 1;
  const out: number[] = [];
  for (let t = deg; t < y.length; t++) {
    let v = 0;
    for (let k = 0; k <= deg; k++) v += poly[k] * y[t - k];
    out.push(v);
  }
  return out;
}

/** Non-zero AR and MA coefficients of the differenced series, by lag (1-based). */
interface Coefficients {
  arLags: number[];
  ar: number[];
  maLags: number[];
  ma: number[];
  drift: number;
}

function countParameters(order: ArimaOrder): number {
  return order.p + order.q + order.P + order.Q + (order.drift ? 1 : 0);
}

/**
 * Expands the parameter vector: AR (1 − Σφ_i B^i)(1 − Φ B^m) has lags i (φ_i), m (Φ) and m+i (−φ_iΦ);
 * MA (1 + Σθ_j B^j)(1 + Θ B^m) has lags j (θ_j), m (Θ) and m+j (θ_jΘ).
 */
function decode(u: readonly number[], order: ArimaOrder, period: number): Coefficients {
  let k = 0;
  const phi = stationaryCoefficients(u.slice(k, (k += order.p)));
  const theta = stationaryCoefficients(u.slice(k, (k += order.q))).map((v) => -v);
  const c: Coefficients = { arLags: [], ar: [], maLags: [], ma: [], drift: 0 };
  phi.forEach((v, i) => {
    c.arLags.push(i + 1);
    c.ar.push(v);
  });
  theta.forEach((v, j) => {
    c.maLags.push(j + 1);
    c.ma.push(v);
  });
  if (order.P) {
    const sPhi = Math.tanh(u[k++]);
    c.arLags.push(period);
    c.ar.push(sPhi);
    phi.forEach((v, i) => {
      c.arLags.push(period + i + 1);
      c.ar.push(-v * sPhi);
    });
  }
  if (order.Q) {
    const sTheta = -Math.tanh(u[k++]);
    c.maLags.push(period);
    c.ma.push(sTheta);
    theta.forEach((v, j) => {
      c.maLags.push(period + j + 1);
      c.ma.push(v * sTheta);
    });
  }
  if (order.drift) c.drift = u[k++];
  return c;
}

/** Dense coefficient array (index = lag − 1) from lags and values. */
function dense(lags: readonly number[], values: readonly number[]): number[] {
  const out = new Array<number>(lags.length ? Math.max(...lags) : 0).fill(0);
  lags.forEach((lag, i) => (out[lag - 1] = values[i]));
  return out;
}

/** CSS residuals of the differenced series (residuals before the largest AR lag are zero). */
function cssResiduals(w: readonly number[], c: Coefficients, residuals: number[]): { sse: number; count: number } {
  const start = c.arLags.length ? Math.max(...c.arLags) : 0;
  const mu = c.drift;
  residuals.fill(0);
  let sse = 0;
  for (let t = start; t < w.length; t++) {
    let pred = mu;
    for (let i = 0; i < c.arLags.length; i++) pred += c.ar[i] * (w[t - c.arLags[i]] - mu);
    for (let i = 0; i < c.maLags.length; i++) {
      const lag = c.maLags[i];
      if (lag <= t) pred += c.ma[i] * residuals[t - lag];
    }
    const e = w[t] - pred;
    residuals[t] = e;
    sse += e * e;
  }
  return { sse, count: w.length - start };
}

/**
 * Fits one order by CSS. Returns `null` when the differenced series is too short for the order.
 * `log` fits log(series) (all values must be positive).
 */
export function fitArima(
  series: readonly number[],
  period: number,
  order: ArimaOrder,
  log: boolean,
  start?: readonly number[],
): ArimaFit | null {
  const y = log ? series.map(Math.log) : series.slice();
  const w = applyFilter(y, differencingPolynomial(period, order.D));
  const k = countParameters(order);
  const lags = order.p + order.P * period;
  if (w.length - lags < k + 4) return null;
  const wMean = mean(w);
  const initial =
    start && start.length === k
      ? start.slice()
      : [...new Array<number>(k - (order.drift ? 1 : 0)).fill(0), ...(order.drift ? [wMean] : [])];
  const wScale = Math.sqrt(mean(w.map((v) => (v - wMean) ** 2))) || 1;
  const step = initial.map((_, i) => (order.drift && i === k - 1 ? 0.1 * wScale : 0.3));
  const residuals = new Array<number>(w.length).fill(0);
  const objective = (u: number[]): number => cssResiduals(w, decode(u, order, period), residuals).sse;
  const result =
    k > 0
      ? nelderMead(objective, initial, { step, maxEvaluations: 100 * k, tolerance: 1e-6 })
      : { x: [], value: objective([]) };
  const coefficients = decode(result.x, order, period);
  const { sse, count } = cssResiduals(w, coefficients, residuals);
  const np = k + 1;
  const criterion = count * Math.log(sse / count + 1e-300);
  const aicc = count - np - 1 > 0 ? criterion + 2 * np + (2 * np * (np + 1)) / (count - np - 1) : Infinity;
  return {
    order,
    period,
    log,
    ar: dense(coefficients.arLags, coefficients.ar),
    ma: dense(coefficients.maLags, coefficients.ma),
    drift: coefficients.drift,
    sigma2: sse / Math.max(1, count - k),
    aicc,
    y,
    w,
    residuals,
    solution: result.x,
  };
}

const orderKey = (o: ArimaOrder): string => `${o.p}${o.q}${o.P}${o.Q}${o.D}${o.drift ? 1 : 0}`;

/**
 * Stepwise order search: four starting models, then single moves of p, q, P, Q (and p, q together)
 * and drift toggles while AICc improves. Seasonal terms and the seasonal difference are used when the
 * 90% seasonality test is positive.
 */
export function autoArima(series: readonly number[], period: number): ArimaFit | null {
  const log = series.every((v) => v > 0);
  const D: 0 | 1 = period > 1 && isSeasonal(series, period) ? 1 : 0;
  const S = D;
  const drift = D === 0;
  const cache = new Map<string, ArimaFit | null>();
  const evaluate = (o: ArimaOrder): ArimaFit | null => {
    const key = orderKey(o);
    if (!cache.has(key)) cache.set(key, fitArima(series, period, o, log));
    return cache.get(key) ?? null;
  };
  const valid = (o: ArimaOrder): boolean =>
    o.p >= 0 && o.p <= 2 && o.q >= 0 && o.q <= 2 && o.P >= 0 && o.P <= S && o.Q >= 0 && o.Q <= S;
  const starts: ArimaOrder[] = [
    { p: 2, q: 2, P: S, Q: S, D, drift },
    { p: 0, q: 0, P: 0, Q: 0, D, drift },
    { p: 1, q: 0, P: S, Q: 0, D, drift },
    { p: 0, q: 1, P: 0, Q: S, D, drift },
  ];
  let best: ArimaFit | null = null;
  for (const o of starts) {
    const fit = evaluate(o);
    if (fit && (!best || fit.aicc < best.aicc)) best = fit;
  }
  for (let improved = best !== null; improved && best;) {
    improved = false;
    const o: ArimaOrder = best.order;
    const moves: ArimaOrder[] = [
      { ...o, p: o.p - 1 },
      { ...o, p: o.p + 1 },
      { ...o, q: o.q - 1 },
      { ...o, q: o.q + 1 },
      { ...o, P: o.P - 1 },
      { ...o, P: o.P + 1 },
      { ...o, Q: o.Q - 1 },
      { ...o, Q: o.Q + 1 },
      { ...o, p: o.p - 1, q: o.q - 1 },
      { ...o, p: o.p + 1, q: o.q + 1 },
      ...(D === 0 ? [{ ...o, drift: !o.drift }] : []),
    ];
    for (const move of moves) {
      if (!valid(move) || cache.has(orderKey(move))) continue;
      const fit = evaluate(move);
      if (fit && fit.aicc < best.aicc) {
        best = fit;
        improved = true;
      }
    }
  }
  return best;
}

/** Two-sided 95% standard normal quantile (used to express log-scale intervals as an sd). */
const Z95 = 1.959963984540054;

/**
 * Forecasts by the ARIMA recursion (future innovations zero) and integrates the differences. Error
 * variance σ² Σ_{j<h} ψ_j² from the ψ-weights of the integrated model. On the log scale the point
 * forecast is exp(ŷ) (the median) and the reported sd is the half-width of the log-normal 95%
 * interval divided by 1.96, so mean ± 1.96·sd spans the same width.
 */
export function forecastArima(fit: ArimaFit, horizon: number): ModelForecast {
  const { ar, ma, drift } = fit;
  const w = fit.w.slice();
  const e = fit.residuals.slice();
  const diff = differencingPolynomial(fit.period, fit.order.D);
  const y = fit.y.slice();
  for (let h = 0; h < horizon; h++) {
    const t = w.length;
    let next = drift;
    for (let k = 0; k < ar.length; k++) next += ar[k] * (w[t - k - 1] - drift);
    for (let k = 0; k < ma.length; k++) next += ma[k] * (e[t - k - 1] ?? 0);
    w.push(next);
    e.push(0);
    let level = next;
    for (let k = 1; k < diff.length; k++) level -= diff[k] * y[y.length - k];
    y.push(level);
  }
  // ψ-weights of the integrated model: φ*(B) = (1 − Σ ar B^k)·diff(B), θ(B) = 1 + Σ ma B^k.
  const phiStar = multiply([1, ...ar.map((v) => -v)], diff).map((v) => -v);
  const psi = [1];
  for (let j = 1; j < horizon; j++) {
    let v = ma[j - 1] ?? 0;
    for (let i = 1; i <= j && i < phiStar.length; i++) v += phiStar[i] * psi[j - i];
    psi.push(v);
  }
  const points = y.slice(fit.y.length);
  const mean: number[] = [];
  const sd: number[] = [];
  let acc = 0;
  points.forEach((v, h) => {
    acc += psi[h] * psi[h];
    const s = Math.sqrt(fit.sigma2 * acc);
    if (fit.log) {
      mean.push(Math.exp(v));
      sd.push((Math.exp(v + Z95 * s) - Math.exp(v - Z95 * s)) / (2 * Z95));
    } else {
      mean.push(v);
      sd.push(s);
    }
  });
  return { mean, sd };
}
