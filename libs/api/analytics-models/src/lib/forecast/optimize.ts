/** Derivative-free minimisation (Nelder–Mead simplex), used to fit the smoothing models. */

/** Options for {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Maximum number of objective evaluations (default 200 × dimension). */
  maxEvaluations?: number;
  /** Relative tolerance on the spread of simplex values, as R's `optim` `reltol` (default 1e-8). */
  tolerance?: number;
  /** Initial simplex step per coordinate (default 10% of |x0| or 0.1 when x0 is 0). */
  step?: readonly number[];
}

/** Result of a minimisation. */
export interface MinimizeResult {
  x: number[];
  value: number;
  evaluations: number;
}

/**
 * Minimises `f` with the Nelder–Mead simplex method (reflection 1, expansion 2, contraction ½,
 * shrink ½). Non-finite objective values are treated as +∞, so constraints can be expressed by
 * returning `Infinity`. Stops when (f_max − f_min) ≤ tolerance · (|f_min| + tolerance) or the
 * evaluation budget is spent.
 */
export function nelderMead(
  f: (x: number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): MinimizeResult {
  const dim = x0.length;
  const maxEvaluations = options.maxEvaluations ?? 200 * Math.max(1, dim);
  const tolerance = options.tolerance ?? 1e-8;
  let evaluations = 0;
  const evaluate = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  if (dim === 0) return { x: [], value: evaluate([]), evaluations };

  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < dim; i++) {
    const p = x0.slice();
    const step = options.step?.[i] ?? (x0[i] !== 0 ? 0.1 * Math.abs(x0[i]) : 0.1);
    p[i] += step;
    simplex.push(p);
  }
  const values = simplex.map(evaluate);
  const order = simplex.map((_, i) => i);
  const centroid = new Array<number>(dim);
  const along = (from: number[], to: number[], coef: number): number[] => {
    const p = new Array<number>(dim);
    for (let j = 0; j < dim; j++) p[j] = from[j] + coef * (to[j] - from[j]);
    return p;
  };

  while (evaluations < maxEvaluations) {
    order.sort((a, b) => values[a] - values[b]);
    const best = order[0];
    const worst = order[dim];
    const secondWorst = order[dim - 1];
    const spread = values[worst] - values[best];
    if (Number.isFinite(values[worst]) && spread <= tolerance * (Math.abs(values[best]) + tolerance)) break;

    centroid.fill(0);
    for (let k = 0; k < dim; k++) {
      const p = simplex[order[k]];
      for (let j = 0; j < dim; j++) centroid[j] += p[j] / dim;
    }
    const reflected = along(centroid, simplex[worst], -1);
    const fr = evaluate(reflected);
    if (fr < values[best]) {
      const expanded = along(centroid, simplex[worst], -2);
      const fe = evaluate(expanded);
      if (fe < fr) {
        simplex[worst] = expanded;
        values[worst] = fe;
      } else {
        simplex[worst] = reflected;
        values[worst] = fr;
      }
      continue;
    }
    if (fr < values[secondWorst]) {
      simplex[worst] = reflected;
      values[worst] = fr;
      continue;
    }
    const outside = fr < values[worst];
    const contracted = outside ? along(centroid, reflected, 0.5) : along(centroid, simplex[worst], 0.5);
    const fc = evaluate(contracted);
    if (outside ? fc <= fr : fc < values[worst]) {
      simplex[worst] = contracted;
      values[worst] = fc;
      continue;
    }
    for (let k = 1; k <= dim; k++) {
      const idx = order[k];
      simplex[idx] = along(simplex[best], simplex[idx], 0.5);
      values[idx] = evaluate(simplex[idx]);
    }
  }
  let bestIdx = 0;
  for (let i = 1; i <= dim; i++) if (values[i] < values[bestIdx]) bestIdx = i;
  return { x: simplex[bestIdx], value: values[bestIdx], evaluations };
}
