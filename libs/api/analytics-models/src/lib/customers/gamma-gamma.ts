/**
 * Gamma-Gamma model of monetary value (Fader & Hardie 2013, "The Gamma-Gamma Model of
 * Monetary Value"; Fader, Hardie & Lee 2005, JMR): a customer's transaction values are
 * Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent of the purchase process.
 */
import { digamma, logGamma } from '../numeric/special-functions';
import { minimizeMultiStart } from '../numeric/optimize';

/** Gamma-Gamma parameters. The population mean spend per transaction is pγ / (q − 1). */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** A customer's number of transactions and their mean value. */
export interface GammaGammaObservation {
  /** Number of transactions the average is taken over. */
  x: number;
  /** Mean value of those x transactions. */
  averageValue: number;
}

/** Maximum-likelihood Gamma-Gamma fit. */
export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  /** Customers used by the fit (x ≥ 1 and averageValue > 0). */
  customers: number;
  converged: boolean;
  evaluations: number;
}

interface PreparedSpend {
  count: number;
  meanValue: number;
  x: Float64Array;
  logX: Float64Array;
  value: Float64Array;
  logValue: Float64Array;
  weight: Float64Array;
  /** Index of each row's x in `distinctX`. */
  xIndex: Int32Array;
  distinctX: number[];
}

function assertParams(p: GammaGammaParams): void {
  if (!(p.p > 0 && p.q > 0 && p.gamma > 0)) {
    throw new RangeError(`Gamma-Gamma: parameters must be positive, got ${JSON.stringify(p)}`);
  }
}

function isUsable(o: GammaGammaObservation): boolean {
  return o.x >= 1 && o.averageValue > 0 && Number.isFinite(o.averageValue);
}

function prepare(data: readonly GammaGammaObservation[]): PreparedSpend {
  const rows = new Map<string, { x: number; value: number; weight: number }>();
  let count = 0;
  let total = 0;
  for (const o of data) {
    if (!isUsable(o)) {
      continue;
    }
    const key = `${o.x}|${o.averageValue}`;
    const row = rows.get(key);
    if (row) {
      row.weight++;
    } else {
      rows.set(key, { x: o.x, value: o.averageValue, weight: 1 });
    }
    count++;
    total += o.averageValue;
  }
  const n = rows.size;
  const prepared: PreparedSpend = {
    count,
    meanValue: count > 0 ? total / count : 0,
    x: new Float64Array(n),
    logX: new Float64Array(n),
    value: new Float64Array(n),
    logValue: new Float64Array(n),
    weight: new Float64Array(n),
    xIndex: new Int32Array(n),
    distinctX: [],
  };
  const xPosition = new Map<number, number>();
  let i = 0;
  for (const row of rows.values()) {
    let k = xPosition.get(row.x);
    if (k === undefined) {
      k = prepared.distinctX.length;
      xPosition.set(row.x, k);
      prepared.distinctX.push(row.x);
    }
    prepared.xIndex[i] = k;
    prepared.x[i] = row.x;
    prepared.logX[i] = Math.log(row.x);
    prepared.value[i] = row.value;
    prepared.logValue[i] = Math.log(row.value);
    prepared.weight[i] = row.weight;
    i++;
  }
  return prepared;
}

/**
 * Log-likelihood (summed) and its gradient with respect to (ln p, ln q, ln γ).
 * Per customer: ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + m x).
 */
function evaluate(data: PreparedSpend, params: GammaGammaParams): { logLikelihood: number; gradient: number[] } {
  const { p, q, gamma } = params;
  // Terms that depend on x only: ln Γ(px+q) − ln Γ(px) − ln Γ(q) and the digamma differences.
  const k = data.distinctX.length;
  const gammaRatio = new Float64Array(k);
  const dP = new Float64Array(k);
  const dQ = new Float64Array(k);
  const lgQ = logGamma(q);
  const psiQ = digamma(q);
  for (let j = 0; j < k; j++) {
    const px = p * data.distinctX[j];
    const psiPxQ = digamma(px + q);
    gammaRatio[j] = logGamma(px + q) - logGamma(px) - lgQ;
    dP[j] = psiPxQ - digamma(px);
    dQ[j] = psiPxQ - psiQ;
  }
  const out = new Float64Array(4);
  sumRows(data, params, gammaRatio, dP, dQ, out);
  return { logLikelihood: out[0], gradient: [out[1] * p, out[2] * q, out[3] * gamma] };
}

/**
 * Hot loop over the rows; accumulates [LL, ∂LL/∂p, ∂LL/∂q, ∂LL/∂γ] straight into `out` (see
 * the note in bgnbd.ts on V8 deoptimisation of code after a long first loop).
 */
function sumRows(
  data: PreparedSpend,
  params: GammaGammaParams,
  gammaRatio: Float64Array,
  dP: Float64Array,
  dQ: Float64Array,
  out: Float64Array,
): void {
  const { p, q, gamma } = params;
  const lnGamma = Math.log(gamma);
  const { x: xs, value, logValue, logX, weight, xIndex } = data;
  for (let i = 0; i < xs.length; i++) {
    const j = xIndex[i];
    const x = xs[i];
    const w = weight[i];
    const px = p * x;
    const denominator = gamma + value[i] * x;
    const lnDenominator = Math.log(denominator);
    out[0] += w * (gammaRatio[j] + q * lnGamma + (px - 1) * logValue[i] + px * logX[i] - (px + q) * lnDenominator);
    out[1] += w * x * (dP[j] + logValue[i] + logX[i] - lnDenominator);
    out[2] += w * (dQ[j] + lnGamma - lnDenominator);
    out[3] += w * (q / gamma - (px + q) / denominator);
  }
}

function fromLog(theta: readonly number[]): GammaGammaParams {
  return { p: Math.exp(theta[0]), q: Math.exp(theta[1]), gamma: Math.exp(theta[2]) };
}

/**
 * Gamma-Gamma log-likelihood (summed) over customers with x ≥ 1 and a positive average;
 * other observations are ignored.
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: readonly GammaGammaObservation[]): number {
  assertParams(params);
  return evaluate(prepare(data), params).logLikelihood;
}

/**
 * Maximum-likelihood Gamma-Gamma fit on customers with at least one transaction in the
 * average (x ≥ 1) and a positive average value; other observations are skipped (with the
 * usual setup, x counts repeat transactions, so one-time buyers are left out).
 * BFGS on (ln p, ln q, ln γ) with analytic gradients from several starting points.
 *
 * @throws RangeError if fewer than 2 usable customers remain.
 */
export function fitGammaGamma(data: readonly GammaGammaObservation[]): GammaGammaFit {
  const prepared = prepare(data);
  if (prepared.count < 2) {
    throw new RangeError('Gamma-Gamma: need at least two customers with x ≥ 1 and a positive average value');
  }
  const m = prepared.meanValue;
  // Starting points matching the observed mean spend pγ/(q−1) at different shapes.
  const starts: GammaGammaParams[] = [
    { p: 1, q: 2, gamma: m },
    { p: 4, q: 4, gamma: (3 * m) / 4 },
    { p: 0.5, q: 1.5, gamma: m },
  ];
  const scale = 1 / prepared.count;
  const result = minimizeMultiStart(
    (theta) => {
      const { logLikelihood, gradient } = evaluate(prepared, fromLog(theta));
      return { value: -logLikelihood * scale, gradient: gradient.map((g) => -g * scale) };
    },
    starts.map((s) => [Math.log(s.p), Math.log(s.q), Math.log(s.gamma)]),
  );
  return {
    params: fromLog(result.x),
    logLikelihood: -result.value / scale,
    customers: prepared.count,
    converged: result.converged,
    evaluations: result.evaluations,
  };
}

/**
 * E[M | x, m_x]: expected mean transaction value of a customer with x transactions averaging
 * m_x — a weighted average of the population mean pγ/(q−1) and m_x:
 * (pγ + p·x·m_x) / (p·x + q − 1). With x = 0 (or a non-positive average, which the fit also
 * skips) this is the population mean.
 *
 * @throws RangeError when p·x + q ≤ 1 (for x = 0: q ≤ 1, the population mean is infinite).
 */
export function gammaGammaConditionalExpectedValue(
  params: GammaGammaParams,
  observation: GammaGammaObservation,
): number {
  assertParams(params);
  const { p, q, gamma } = params;
  // Observations the fit would skip (no transactions, non-positive average) carry no spend information.
  const x = isUsable(observation) ? observation.x : 0;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) {
    throw new RangeError(`Gamma-Gamma: expected value is infinite for q = ${q}, x = ${x}`);
  }
  return (p * gamma + p * x * (x > 0 ? observation.averageValue : 0)) / denominator;
}
