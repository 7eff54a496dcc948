/**
 * Unconstrained minimisation for small smooth problems (a handful of parameters):
 * BFGS with an Armijo backtracking line search, and a multi-start wrapper.
 *
 * Model fits run on log-parameters so that positivity constraints disappear.
 */

/** Objective value and gradient at a point. */
export interface ValueAndGradient {
  value: number;
  gradient: number[];
}

/** Objective function: returns f(x) and ∇f(x). Non-finite values are treated as +∞. */
export type DifferentiableObjective = (x: readonly number[]) => ValueAndGradient;

/** Options for {@link minimizeBfgs}. */
export interface BfgsOptions {
  /** Maximum number of BFGS iterations (default 500). */
  maxIterations?: number;
  /** Stop when max |∂f/∂xᵢ| falls below this (default 1e-8). */
  gradientTolerance?: number;
  /** Largest allowed change of any coordinate in one step (default 2). */
  maxStepLength?: number;
  /**
   * When f cannot be decreased any further (its rounding floor), the run still counts as
   * converged if max |∂f/∂xᵢ| is below this (default 1e-5). Stiff directions leave gradients
   * of this order that double precision cannot reduce.
   */
  precisionFloorGradientTolerance?: number;
  /** Starting inverse-Hessian approximation, e.g. from an earlier run (default: identity). */
  initialInverseHessian?: readonly (readonly number[])[];
}

/** Result of a minimisation. */
export interface MinimizeResult {
  x: number[];
  value: number;
  gradient: number[];
  iterations: number;
  evaluations: number;
  /**
   * True when the gradient tolerance was met, or f stopped decreasing with a gradient below
   * `precisionFloorGradientTolerance`; false when the iteration limit was hit.
   */
  converged: boolean;
  /** Final BFGS approximation of the inverse Hessian of f (for warm restarts). */
  inverseHessian: number[][];
}

const ARMIJO_C1 = 1e-4;
const MAX_BACKTRACKS = 40;
/** Relative resolution of f below which predicted decreases are treated as zero. */
const ROUNDING_FLOOR = 1e-15;

function dot(u: readonly number[], v: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) {
    s += u[i] * v[i];
  }
  return s;
}

function maxAbs(v: readonly number[]): number {
  let m = 0;
  for (const value of v) {
    m = Math.max(m, Math.abs(value));
  }
  return m;
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

function isFiniteResult(r: ValueAndGradient): boolean {
  return Number.isFinite(r.value) && r.gradient.every(Number.isFinite);
}

/**
 * BFGS update of the inverse-Hessian approximation H with step s and gradient change y:
 * H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / (yᵀs).
 */
function bfgsUpdate(h: number[][], s: readonly number[], y: readonly number[], sy: number): void {
  const n = s.length;
  const rho = 1 / sy;
  const hy = h.map((row) => dot(row, y));
  const yhy = dot(y, hy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i][j] += rho * ((1 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
    }
  }
}

/**
 * Minimises a smooth function with BFGS. The inverse-Hessian approximation starts as (or is
 * reset to) the identity, rescaled by sᵀy / yᵀy after the next accepted step; it is reset when
 * the search direction stops being a descent direction or the line search fails. The run stops
 * when the gradient is small, or when not even a steepest-descent step decreases f any more
 * (the precision floor).
 */
export function minimizeBfgs(
  objective: DifferentiableObjective,
  x0: readonly number[],
  options: BfgsOptions = {},
): MinimizeResult {
  const maxIterations = options.maxIterations ?? 500;
  const gradientTolerance = options.gradientTolerance ?? 1e-8;
  const maxStepLength = options.maxStepLength ?? 2;
  const floorTolerance = options.precisionFloorGradientTolerance ?? 1e-5;
  const n = x0.length;

  let x = [...x0];
  let current = objective(x);
  let evaluations = 1;
  if (!isFiniteResult(current)) {
    throw new RangeError(`minimizeBfgs: objective is not finite at the starting point [${x0.join(', ')}]`);
  }
  let h = options.initialInverseHessian ? options.initialInverseHessian.map((row) => [...row]) : identity(n);
  let hIsIdentity = !options.initialInverseHessian;
  let iterations = 0;
  let atPrecisionFloor = false;

  while (iterations < maxIterations && maxAbs(current.gradient) > gradientTolerance) {
    iterations++;
    let direction = h.map((row) => -dot(row, current.gradient));
    let slope = dot(direction, current.gradient);
    if (!(slope < 0)) {
      h = identity(n);
      hIsIdentity = true;
      direction = current.gradient.map((g) => -g);
      slope = -dot(current.gradient, current.gradient);
    }
    let step = Math.min(1, maxStepLength / maxAbs(direction));
    let accepted: { x: number[]; result: ValueAndGradient } | undefined;
    for (let k = 0; k < MAX_BACKTRACKS; k++) {
      const candidate = x.map((xi, i) => xi + step * direction[i]);
      const result = objective(candidate);
      evaluations++;
      // Strict decrease as well: at the precision floor Armijo alone accepts equal values.
      if (
        isFiniteResult(result) &&
        result.value < current.value &&
        result.value <= current.value + ARMIJO_C1 * step * slope
      ) {
        accepted = { x: candidate, result };
        break;
      }
      step *= 0.5;
      if (-step * slope < ROUNDING_FLOOR * Math.abs(current.value)) {
        break; // the predicted decrease is below the resolution of f: shorter steps cannot help
      }
    }
    if (!accepted) {
      if (hIsIdentity) {
        atPrecisionFloor = true; // no decrease possible even along the steepest-descent direction
        break;
      }
      h = identity(n);
      hIsIdentity = true;
      continue;
    }
    const s = accepted.x.map((xi, i) => xi - x[i]);
    const y = accepted.result.gradient.map((gi, i) => gi - current.gradient[i]);
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (hIsIdentity) {
        const scale = sy / dot(y, y);
        h = h.map((row) => row.map((v) => v * scale));
      }
      bfgsUpdate(h, s, y, sy);
      hIsIdentity = false;
    }
    x = accepted.x;
    current = accepted.result;
  }

  const gradientSize = maxAbs(current.gradient);
  return {
    x,
    value: current.value,
    gradient: current.gradient,
    iterations,
    evaluations,
    converged: gradientSize <= gradientTolerance || (atPrecisionFloor && gradientSize <= floorTolerance),
    inverseHessian: h,
  };
}

/**
 * Lower value wins; values equal to rounding (relative 1e-13) are ranked by gradient size.
 */
function isBetter(candidate: MinimizeResult, incumbent: MinimizeResult): boolean {
  const tie = 1e-13 * Math.max(1, Math.abs(incumbent.value));
  if (Math.abs(candidate.value - incumbent.value) <= tie) {
    return maxAbs(candidate.gradient) < maxAbs(incumbent.gradient);
  }
  return candidate.value < incumbent.value;
}

/**
 * Runs {@link minimizeBfgs} from every starting point with a coarse gradient tolerance
 * (`screeningTolerance`, default 1e-4), then continues the best run (keeping its Hessian
 * approximation) to the full tolerance. Starting points where the objective is not finite are
 * skipped.
 */
export function minimizeMultiStart(
  objective: DifferentiableObjective,
  starts: readonly (readonly number[])[],
  options: BfgsOptions & { screeningTolerance?: number } = {},
): MinimizeResult {
  const screening = { ...options, gradientTolerance: options.screeningTolerance ?? 1e-4 };
  let best: MinimizeResult | undefined;
  let evaluations = 0;
  for (const start of starts) {
    evaluations++;
    if (!isFiniteResult(objective(start))) {
      continue;
    }
    const result = minimizeBfgs(objective, start, screening);
    evaluations += result.evaluations;
    if (!best || isBetter(result, best)) {
      best = result;
    }
  }
  if (!best) {
    throw new RangeError('minimizeMultiStart: the objective is not finite at any starting point');
  }
  const polished = minimizeBfgs(objective, best.x, { ...options, initialInverseHessian: best.inverseHessian });
  evaluations += polished.evaluations;
  return { ...polished, evaluations };
}
