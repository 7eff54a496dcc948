/**
 * Special functions needed by the customer-base models: log-gamma, digamma and a
 * cancellation-free Gaussian hypergeometric series.
 *
 * All functions work in double precision and are written for positive real arguments,
 * which is all the BG/NBD and Gamma-Gamma models need.
 */

const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Natural logarithm of the gamma function, ln Γ(x), for x > 0 (Lanczos approximation,
 * g = 7, n = 9; about 15 significant digits). Arguments below 0.5 use the reflection formula.
 * Returns NaN for x ≤ 0.
 */
export function logGamma(x: number): number {
  if (!(x > 0)) {
    return Number.NaN;
  }
  if (x < 0.5) {
    // Γ(x) Γ(1 − x) = π / sin(πx)
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) {
    series += LANCZOS_COEFFICIENTS[i] / (z + i);
  }
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

/**
 * Digamma function ψ(x) = d/dx ln Γ(x) for x > 0: upward recurrence to x ≥ 10, then the
 * asymptotic expansion to the x⁻¹⁰ term (absolute error about 1e-14). Returns NaN for x ≤ 0.
 */
export function digamma(x: number): number {
  if (!(x > 0)) {
    return Number.NaN;
  }
  let shift = 0;
  let y = x;
  while (y < 10) {
    shift -= 1 / y;
    y += 1;
  }
  const inv2 = 1 / (y * y);
  const tail = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))));
  return shift + Math.log(y) - 0.5 / y - tail;
}

/**
 * (₂F₁(a, b; c; z) − 1) / b, computed as the series
 * Σ_{n≥1} (a)_n (b + 1)_{n−1} / ((c)_n n!) zⁿ, i.e. without forming the difference.
 *
 * The division by b is exact, so the function stays accurate as b → 0 (it then equals
 * ∂₂F₁/∂b at b = 0). This is the form the BG/NBD conditional expectation needs when the
 * Beta parameter `a` is close to 1.
 *
 * Valid for 0 ≤ z < 1 and c > 0. The tail is bounded geometrically, so convergence near
 * z = 1 is slow but still accurate; throws if `maxTerms` is reached.
 */
export function hyp2f1Excess(a: number, b: number, c: number, z: number, maxTerms = 1_000_000): number {
  if (!(z >= 0 && z < 1)) {
    throw new RangeError(`hyp2f1Excess: z must be in [0, 1), got ${z}`);
  }
  if (!(c > 0)) {
    throw new RangeError(`hyp2f1Excess: c must be positive, got ${c}`);
  }
  if (z === 0) {
    return 0;
  }
  let term = (a * z) / c;
  let sum = term;
  for (let n = 1; n < maxTerms; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    // For large n the term ratio tends monotonically to z, so once the terms shrink the
    // remaining tail is at most |term| · ρ / (1 − ρ) with ρ = max(|ratio|, z).
    const rho = Math.max(Math.abs(ratio), z);
    if (Math.abs(ratio) < 1 && (Math.abs(term) * rho) / (1 - rho) <= 1e-16 * Math.abs(sum)) {
      return sum;
    }
    if (term === 0) {
      return sum;
    }
  }
  throw new Error(`hyp2f1Excess: series did not converge in ${maxTerms} terms (z = ${z})`);
}
