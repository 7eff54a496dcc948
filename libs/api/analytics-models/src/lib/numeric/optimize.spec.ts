import { minimizeBfgs, minimizeMultiStart, ValueAndGradient } from './optimize';

/** Rosenbrock's banana function, minimum 0 at (1, 1). */
function rosenbrock([x, y]: readonly number[]): ValueAndGradient {
  return {
    value: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    gradient: [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
  };
}

/** Tilted double well: local minimum at x ≈ 0.9601, global minimum at x ≈ −1.0356. */
function doubleWell([x]: readonly number[]): ValueAndGradient {
  return { value: (x * x - 1) ** 2 + 0.3 * x, gradient: [4 * x * (x * x - 1) + 0.3] };
}

describe('minimizeBfgs', () => {
  it('finds the minimum of the Rosenbrock function from the classic start', () => {
    const result = minimizeBfgs(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.value).toBeLessThan(1e-12);
  });

  it('reports non-convergence when the iteration budget is too small', () => {
    const result = minimizeBfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(3);
  });

  it('backs off from points where the objective is not finite', () => {
    // ln-barrier: f = x − ln x is only finite for x > 0; minimum at x = 1.
    const result = minimizeBfgs(([x]) => ({ value: x - Math.log(x), gradient: [1 - 1 / x] }), [20]);
    expect(result.x[0]).toBeCloseTo(1, 6);
  });

  it('rejects a non-finite starting point', () => {
    expect(() => minimizeBfgs(() => ({ value: Number.NaN, gradient: [0] }), [0])).toThrow(RangeError);
  });
});

describe('minimizeMultiStart', () => {
  it('stays in the local basin from a single start', () => {
    expect(minimizeMultiStart(doubleWell, [[0.9]]).x[0]).toBeGreaterThan(0);
  });

  it('keeps the best of several starts', () => {
    const result = minimizeMultiStart(doubleWell, [[0.9], [-0.9]]);
    expect(result.x[0]).toBeCloseTo(-1.03558, 4);
    expect(result.converged).toBe(true);
  });
});
