/**
 * BG/NBD model of repeat purchasing (Fader, Hardie & Lee 2005, "Counting Your Customers the
 * Easy Way"): purchases follow a Poisson process with rate λ ~ Gamma(r, α) while the customer
 * is alive; after each purchase the customer drops out with probability p ~ Beta(a, b).
 *
 * Time is in whatever unit the observations use (see `TimeUnit`); α is expressed in that
 * unit, r, a and b are unit-free.
 */
import { digamma, hyp2f1Excess, logGamma } from '../numeric/special-functions';
import { minimizeMultiStart } from '../numeric/optimize';

/** BG/NBD parameters: purchase-rate heterogeneity Gamma(r, α), dropout Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** One customer's calibration-period history. */
export interface BgNbdObservation {
  /** Number of repeat transactions (non-negative integer). */
  x: number;
  /** Time of the last repeat transaction, measured from the first purchase (0 ≤ t_x ≤ T). */
  tx: number;
  /** Time from the first purchase to the end of the calibration period. */
  T: number;
}

/** Options for {@link fitBgNbd}. */
export interface BgNbdFitOptions {
  /** Extra starting points for the optimiser (in addition to the built-in ones). */
  starts?: readonly BgNbdParams[];
  /** Maximum BFGS iterations per start (default 500). */
  maxIterations?: number;
}

/** Maximum-likelihood BG/NBD fit. */
export interface BgNbdFit {
  params: BgNbdParams;
  /** Log-likelihood at `params` (summed over customers). */
  logLikelihood: number;
  /** Number of customers fitted. */
  customers: number;
  /** Whether the optimiser met its gradient tolerance. */
  converged: boolean;
  /** Likelihood evaluations used, all starts included. */
  evaluations: number;
}

/** Observations grouped into distinct (x, t_x, T) rows with multiplicities. */
interface PreparedObservations {
  customers: number;
  totalRepeats: number;
  totalExposure: number;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  /** Index of each row's x in `distinctX`. */
  xIndex: Int32Array;
  distinctX: number[];
}

function assertObservation(o: BgNbdObservation): void {
  if (!(Number.isInteger(o.x) && o.x >= 0)) {
    throw new RangeError(`BG/NBD: x must be a non-negative integer, got ${o.x}`);
  }
  if (!(Number.isFinite(o.T) && Number.isFinite(o.tx) && o.tx >= 0 && o.tx <= o.T)) {
    throw new RangeError(`BG/NBD: need 0 ≤ t_x ≤ T, got t_x = ${o.tx}, T = ${o.T}`);
  }
}

function assertParams(p: BgNbdParams): void {
  if (!(p.r > 0 && p.alpha > 0 && p.a > 0 && p.b > 0)) {
    throw new RangeError(`BG/NBD: parameters must be positive, got ${JSON.stringify(p)}`);
  }
}

function prepare(data: readonly BgNbdObservation[]): PreparedObservations {
  const rows = new Map<string, { o: BgNbdObservation; weight: number }>();
  let totalRepeats = 0;
  let totalExposure = 0;
  for (const o of data) {
    assertObservation(o);
    const tx = o.x > 0 ? o.tx : 0; // t_x does not enter the likelihood when x = 0
    const key = `${o.x}|${tx}|${o.T}`;
    const row = rows.get(key);
    if (row) {
      row.weight++;
    } else {
      rows.set(key, { o: { x: o.x, tx, T: o.T }, weight: 1 });
    }
    totalRepeats += o.x;
    totalExposure += o.T;
  }
  const n = rows.size;
  const prepared: PreparedObservations = {
    customers: data.length,
    totalRepeats,
    totalExposure,
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    weight: new Float64Array(n),
    xIndex: new Int32Array(n),
    distinctX: [],
  };
  const xPosition = new Map<number, number>();
  let i = 0;
  for (const { o, weight } of rows.values()) {
    let k = xPosition.get(o.x);
    if (k === undefined) {
      k = prepared.distinctX.length;
      xPosition.set(o.x, k);
      prepared.distinctX.push(o.x);
    }
    prepared.x[i] = o.x;
    prepared.tx[i] = o.tx;
    prepared.T[i] = o.T;
    prepared.weight[i] = weight;
    prepared.xIndex[i] = k;
    i++;
  }
  return prepared;
}

/** Per-distinct-x terms of the log-likelihood and its gradient. */
interface PerXTerms {
  /** ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b). */
  base: Float64Array;
  /** ln a − ln(b+x−1) (x > 0 only). */
  logA4: Float64Array;
  /** 1 / (b+x−1) (x > 0 only). */
  invBx1: Float64Array;
  /** ∂base/∂r, ∂base/∂a, ∂base/∂b. */
  dR: Float64Array;
  dA: Float64Array;
  dB: Float64Array;
}

function perXTerms(data: PreparedObservations, p: BgNbdParams): PerXTerms {
  const { r, alpha, a, b } = p;
  const k = data.distinctX.length;
  const terms: PerXTerms = {
    base: new Float64Array(k),
    logA4: new Float64Array(k),
    invBx1: new Float64Array(k),
    dR: new Float64Array(k),
    dA: new Float64Array(k),
    dB: new Float64Array(k),
  };
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  const lgR = logGamma(r);
  const lgAB = logGamma(a + b);
  const lgB = logGamma(b);
  const psiR = digamma(r);
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  for (let j = 0; j < k; j++) {
    const x = data.distinctX[j];
    terms.base[j] = logGamma(r + x) - lgR + r * lnAlpha + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x);
    if (x > 0) {
      terms.logA4[j] = lnA - Math.log(b + x - 1);
      terms.invBx1[j] = 1 / (b + x - 1);
    }
    const psiABx = digamma(a + b + x);
    terms.dR[j] = digamma(r + x) - psiR + lnAlpha;
    terms.dA[j] = psiAB - psiABx;
    terms.dB[j] = psiAB + digamma(b + x) - psiB - psiABx;
  }
  return terms;
}

/**
 * Hot loop over the customer rows; writes [LL, ∂LL/∂r, ∂LL/∂α, ∂LL/∂a, ∂LL/∂b] into `out`.
 */
function sumRows(data: PreparedObservations, p: BgNbdParams, terms: PerXTerms, out: Float64Array): void {
  const { r, alpha, a } = p;
  const { base, logA4, invBx1, dR, dA, dB } = terms;
  const xs = data.x;
  const txs = data.tx;
  const Ts = data.T;
  const weights = data.weight;
  const xIndex = data.xIndex;
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    const j = xIndex[i];
    const x = xs[i];
    const w = weights[i];
    const rx = r + x;
    const alphaT = alpha + Ts[i];
    const alphaTx = alpha + txs[i];
    const lT = Math.log(alphaT);
    const a3 = -rx * lT;
    let ll = a3;
    let lt = 0;
    let w4 = 0; // share of the "dropped out right after the last purchase" term
    if (x > 0) {
      lt = Math.log(alphaTx);
      const d = logA4[j] - rx * lt - a3;
      if (d > 0) {
        const e = Math.exp(-d);
        ll = a3 + d + Math.log1p(e);
        w4 = 1 / (1 + e);
      } else {
        const e = Math.exp(d);
        ll = a3 + Math.log1p(e);
        w4 = e / (1 + e);
      }
    }
    const w3 = 1 - w4;
    // Accumulating straight into `out` (rather than into locals copied out after the loop)
    // matters: code after a long first loop has no type feedback, and V8 (Node 20) would then
    // deoptimise the on-stack-replaced loop on every call.
    out[0] += w * (base[j] + ll);
    out[1] += w * (dR[j] - w3 * lT - w4 * lt);
    out[2] += w * (r / alpha - rx * (w3 / alphaT + w4 / alphaTx));
    out[3] += w * (dA[j] + w4 / a);
    out[4] += w * (dB[j] - w4 * invBx1[j]);
  }
}

/**
 * Log-likelihood of the prepared data and its gradient with respect to
 * (ln r, ln α, ln a, ln b).
 *
 * Per customer, LL = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *   + ln[(α+T)^−(r+x) + δ(x>0) · a/(b+x−1) · (α+t_x)^−(r+x)],
 * with the last term evaluated as a log-sum-exp. Terms that depend only on x are computed once
 * per distinct x.
 */
function evaluate(data: PreparedObservations, p: BgNbdParams): { logLikelihood: number; gradient: number[] } {
  const out = new Float64Array(5);
  sumRows(data, p, perXTerms(data, p), out);
  return { logLikelihood: out[0], gradient: [out[1] * p.r, out[2] * p.alpha, out[3] * p.a, out[4] * p.b] };
}

function fromLog(theta: readonly number[]): BgNbdParams {
  return { r: Math.exp(theta[0]), alpha: Math.exp(theta[1]), a: Math.exp(theta[2]), b: Math.exp(theta[3]) };
}

function toLog(p: BgNbdParams): number[] {
  return [Math.log(p.r), Math.log(p.alpha), Math.log(p.a), Math.log(p.b)];
}

/** Log-likelihood of the BG/NBD model for a set of customers (summed). */
export function bgnbdLogLikelihood(params: BgNbdParams, data: readonly BgNbdObservation[]): number {
  assertParams(params);
  return evaluate(prepare(data), params).logLikelihood;
}

/**
 * Maximum-likelihood BG/NBD fit. Minimises the mean negative log-likelihood over
 * (ln r, ln α, ln a, ln b) with BFGS and analytic gradients, from several starting points
 * scaled to the data's mean purchase rate, then polishes the best optimum.
 *
 * @throws RangeError if the data are invalid or nobody made a repeat purchase (the model is
 * then not identified).
 */
export function fitBgNbd(data: readonly BgNbdObservation[], options: BgNbdFitOptions = {}): BgNbdFit {
  const prepared = prepare(data);
  if (prepared.totalRepeats === 0 || prepared.totalExposure === 0) {
    throw new RangeError('BG/NBD: at least one repeat purchase and a positive T are needed to fit');
  }
  const meanRate = prepared.totalRepeats / prepared.totalExposure;
  const starts: BgNbdParams[] = [
    { r: 1, alpha: 1 / meanRate, a: 1, b: 1 },
    { r: 0.5, alpha: 0.5 / meanRate, a: 0.5, b: 2 },
    { r: 2, alpha: 2 / meanRate, a: 2, b: 8 },
    ...(options.starts ?? []),
  ];
  const scale = 1 / prepared.customers;
  const result = minimizeMultiStart(
    (theta) => {
      const { logLikelihood, gradient } = evaluate(prepared, fromLog(theta));
      return { value: -logLikelihood * scale, gradient: gradient.map((g) => -g * scale) };
    },
    starts.map(toLog),
    { maxIterations: options.maxIterations },
  );
  return {
    params: fromLog(result.x),
    logLikelihood: -result.value / scale,
    customers: prepared.customers,
    converged: result.converged,
    evaluations: result.evaluations,
  };
}

/**
 * P(alive | x, t_x, T): probability that the customer has not dropped out by T.
 * Equals 1 when x = 0 (the model only allows dropout right after a repeat purchase).
 */
export function bgnbdProbabilityAlive(params: BgNbdParams, observation: BgNbdObservation): number {
  assertParams(params);
  assertObservation(observation);
  const { r, alpha, a, b } = params;
  const { x, tx, T } = observation;
  if (x === 0) {
    return 1;
  }
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/**
 * E[Y(t) | x, t_x, T]: expected number of purchases in (T, T + t] given the history
 * (FHL 2005, eq. 10).
 *
 * The paper's (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)],
 * z = t/(α+T+t), is evaluated after Euler's transformation
 * ₂F₁(r+x, b+x; c; z) = (1−z)^(a−1−r−x) ₂F₁(a+b−1−r, a−1; c; z), which turns the bracket into
 * −expm1((a−1)L)/(a−1) − e^((a−1)L) · S with L = ln(1−z) and S = (₂F₁ − 1)/(a−1) summed
 * directly. This avoids the large terms of the original series and the 0/0 at a = 1. When
 * (a − 1)·z/(1 − z) > 10⁴ (fits with a and b in the millions) the transformed series is the slow
 * one and the paper's form is used.
 *
 * Requires a + b + x > 1 (always true once x ≥ 1, and for any realistic fit).
 */
export function bgnbdConditionalExpectedPurchases(
  params: BgNbdParams,
  observation: BgNbdObservation,
  t: number,
): number {
  assertParams(params);
  assertObservation(observation);
  if (!(t >= 0 && Number.isFinite(t))) {
    throw new RangeError(`BG/NBD: horizon t must be finite and non-negative, got ${t}`);
  }
  if (t === 0) {
    return 0;
  }
  const { r, alpha, a, b } = params;
  const { x, T } = observation;
  const alphaT = alpha + T;
  const logDecay = -Math.log1p(t / alphaT); // L = ln(1 − z) = ln((α+T)/(α+T+t))
  const z = t / (alphaT + t);
  const eps = a - 1;
  const c = a + b + x - 1;
  if (eps * z > 1e4 * (1 - z)) {
    // A large a (a fit with almost no dropout heterogeneity, a and b in the millions) makes the
    // transformed series need ~(a−1)·z/(1−z) terms; the paper's own series then converges fast
    // (its terms shrink by about b/(a+b)·z) and has no 0/0 to avoid, since a is far from 1.
    const hyp = 1 + (b + x) * hyp2f1Excess(r + x, b + x, c, z); // the helper sums (₂F₁ − 1)/b
    return (c / eps) * -Math.expm1((r + x) * logDecay + Math.log(hyp)) * bgnbdProbabilityAlive(params, observation);
  }
  const integral = eps === 0 ? -logDecay : -Math.expm1(eps * logDecay) / eps;
  const series = hyp2f1Excess(a + b - 1 - r, eps, c, z);
  const bracket = integral - Math.exp(eps * logDecay) * series;
  return c * bracket * bgnbdProbabilityAlive(params, observation);
}
