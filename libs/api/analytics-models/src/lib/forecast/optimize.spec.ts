import { nelderMead } from './optimize';

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic', () => {
    const result = nelderMead(([x, y]) => (x - 3) ** 2 + 2 * (y + 1) ** 2, [0, 0]);
    expect(result.x[0]).toBeCloseTo(3, 3);
    expect(result.x[1]).toBeCloseTo(-1, 3);
    expect(result.value).toBeLessThan(1e-6);
  });

  it('minimises the Rosenbrock function', () => {
    const rosenbrock = ([x, y]: number[]): number => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    const result = nelderMead(rosenbrock, [-1.2, 1], {
      maxEvaluations: 5000,
      tolerance: 1e-12,
    });
    expect(result.x[0]).toBeCloseTo(1, 2);
    expect(result.x[1]).toBeCloseTo(1, 2);
  });

  it('treats non-finite values as infeasible (constraint by Infinity)', () => {
    const result = nelderMead(([x]) => (x < 2 ? Infinity : (x - 1) ** 2), [5]);
    expect(result.x[0]).toBeGreaterThanOrEqual(2);
    expect(result.x[0]).toBeCloseTo(2, 2);
  });

  it('respects the evaluation budget', () => {
    let calls = 0;
    nelderMead(
      ([x, y]) => {
        calls++;
        return Math.sin(x) * Math.cos(y) + 0.01 * (x * x + y * y);
      },
      [1, 1],
      { maxEvaluations: 30, tolerance: 0 },
    );
    expect(calls).toBeLessThanOrEqual(30 + 2);
  });
});
