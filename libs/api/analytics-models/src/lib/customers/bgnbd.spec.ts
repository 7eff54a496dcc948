import {
  BgNbdObservation,
  BgNbdParams,
  bgnbdConditionalExpectedPurchases,
  bgnbdLogLikelihood,
  bgnbdProbabilityAlive,
  fitBgNbd,
} from './bgnbd';
import { simulateCustomerBase } from './simulation';

/** FHL 2005 eq. 10 with the textbook ₂F₁ series, as an independent reference. */
function referenceConditionalExpectation(p: BgNbdParams, o: BgNbdObservation, t: number): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + o.T + t);
  const [pa, pb, pc] = [r + o.x, b + o.x, a + b + o.x - 1];
  let term = 1;
  let hyp = 1;
  for (let n = 0; n < 5000; n++) {
    term *= (((pa + n) * (pb + n)) / ((pc + n) * (n + 1))) * z;
    hyp += term;
  }
  const numerator = ((a + b + o.x - 1) / (a - 1)) * (1 - Math.pow((alpha + o.T) / (alpha + o.T + t), r + o.x) * hyp);
  const odds = o.x > 0 ? (a / (b + o.x - 1)) * Math.pow((alpha + o.T) / (alpha + o.tx), r + o.x) : 0;
  return numerator / (1 + odds);
}

describe('bgnbdLogLikelihood', () => {
  it('matches hand-computed likelihoods at r = α = a = b = 1', () => {
    // x = 0, T = 5: L = B(1,1)/B(1,1) · Γ(1)·1¹/(Γ(1)·6¹) = 1/6.
    // x = 1, t_x = 2, T = 5: B(1,2)/B(1,1) · Γ(2)/(Γ(1)·6²) + B(2,1)/B(1,1) · Γ(2)/(Γ(1)·3²)
    //   = (1/2)(1/36) + (1/2)(1/9) = 1/72 + 4/72 = 5/72.
    const params = { r: 1, alpha: 1, a: 1, b: 1 };
    expect(bgnbdLogLikelihood(params, [{ x: 0, tx: 0, T: 5 }])).toBeCloseTo(Math.log(1 / 6), 12);
    expect(bgnbdLogLikelihood(params, [{ x: 1, tx: 2, T: 5 }])).toBeCloseTo(Math.log(5 / 72), 12);
    expect(
      bgnbdLogLikelihood(params, [
        { x: 0, tx: 0, T: 5 },
        { x: 1, tx: 2, T: 5 },
        { x: 0, tx: 0, T: 5 },
      ]),
    ).toBeCloseTo(2 * Math.log(1 / 6) + Math.log(5 / 72), 12);
  });

  it('matches a hand-computed likelihood with x = 2', () => {
    // r = 2, α = 3, a = 0.5, b = 1.5; x = 2, t_x = 4, T = 6.
    // Γ(r+x)/Γ(r) · α^r = Γ(4)/Γ(2) · 9 = 54.
    // B(a, b+x)/B(a, b) = (b/(a+b)) · ((b+1)/(a+b+1)) = 0.75 · (2.5/3) = 0.625.
    // B(a+1, b+x−1)/B(a, b) = a/(b+x−1) · 0.625 = 0.2 · 0.625 = 0.125.
    // L = 54 · (0.625 / 9⁴ + 0.125 / 7⁴).
    const expected = 54 * (0.625 / 9 ** 4 + 0.125 / 7 ** 4);
    expect(bgnbdLogLikelihood({ r: 2, alpha: 3, a: 0.5, b: 1.5 }, [{ x: 2, tx: 4, T: 6 }])).toBeCloseTo(
      Math.log(expected),
      12,
    );
  });

  it('rejects invalid observations and parameters', () => {
    const params = { r: 1, alpha: 1, a: 1, b: 1 };
    expect(() => bgnbdLogLikelihood(params, [{ x: 1.5, tx: 1, T: 2 }])).toThrow(RangeError);
    expect(() => bgnbdLogLikelihood(params, [{ x: 1, tx: 3, T: 2 }])).toThrow(RangeError);
    expect(() => bgnbdLogLikelihood({ ...params, b: 0 }, [{ x: 0, tx: 0, T: 2 }])).toThrow(RangeError);
  });
});

describe('bgnbdProbabilityAlive', () => {
  const params = { r: 1, alpha: 1, a: 1, b: 1 };

  it('is 1 without repeat purchases', () => {
    expect(bgnbdProbabilityAlive(params, { x: 0, tx: 0, T: 100 })).toBe(1);
  });

  it('matches a hand computation', () => {
    // odds = a/(b+x−1) · ((α+T)/(α+t_x))^(r+x) = 1 · (6/3)² = 4 → P = 1/(1+4).
    expect(bgnbdProbabilityAlive(params, { x: 1, tx: 2, T: 5 })).toBeCloseTo(0.2, 14);
  });

  it('decreases as the time since the last purchase grows', () => {
    const recent = bgnbdProbabilityAlive(params, { x: 3, tx: 9, T: 10 });
    const lapsed = bgnbdProbabilityAlive(params, { x: 3, tx: 2, T: 10 });
    expect(recent).toBeGreaterThan(lapsed);
  });
});

describe('bgnbdConditionalExpectedPurchases', () => {
  const params = { r: 0.6, alpha: 5, a: 0.7, b: 2.5 };

  it.each([
    [{ x: 0, tx: 0, T: 20 }, 10],
    [{ x: 3, tx: 15, T: 20 }, 10],
    [{ x: 3, tx: 4, T: 20 }, 30],
    [{ x: 12, tx: 19, T: 20 }, 5],
  ])('matches the textbook eq. 10 for %p over t = %p', (observation, t) => {
    const expected = referenceConditionalExpectation(params, observation, t);
    expect(bgnbdConditionalExpectedPurchases(params, observation, t)).toBeCloseTo(expected, 10);
  });

  it('is continuous through a = 1, where eq. 10 is 0/0', () => {
    const observation = { x: 2, tx: 8, T: 12 };
    const at = (a: number) => bgnbdConditionalExpectedPurchases({ ...params, a }, observation, 12);
    expect(at(1)).toBeCloseTo(at(1 + 1e-7), 6);
    expect(at(1)).toBeCloseTo(at(1 - 1e-7), 6);
    expect(at(1)).toBeGreaterThan(0);
  });

  it('stays finite and matches eq. 10 when a and b are huge (no dropout heterogeneity)', () => {
    const observation = { x: 3, tx: 60, T: 90 };
    for (const huge of [
      { r: 4.5, alpha: 116.7, a: 5_491_009, b: 20_518_994 },
      { r: 0.6, alpha: 5, a: 60, b: 200 },
    ]) {
      const expected = referenceConditionalExpectation(huge, observation, 90);
      expect(bgnbdConditionalExpectedPurchases(huge, observation, 90)).toBeCloseTo(expected, 8);
    }
  });

  it('is 0 for a zero horizon and grows with the horizon', () => {
    const observation = { x: 1, tx: 3, T: 10 };
    expect(bgnbdConditionalExpectedPurchases(params, observation, 0)).toBe(0);
    const short = bgnbdConditionalExpectedPurchases(params, observation, 5);
    const long = bgnbdConditionalExpectedPurchases(params, observation, 50);
    expect(long).toBeGreaterThan(short);
    expect(() => bgnbdConditionalExpectedPurchases(params, observation, -1)).toThrow(RangeError);
  });
});

describe('fitBgNbd', () => {
  const truth = { r: 0.8, alpha: 6, a: 0.6, b: 3 };
  const customers = simulateCustomerBase({
    customers: 20_000,
    bgnbd: truth,
    observationLength: { min: 26, max: 78 },
    seed: 7,
  });
  const fit = fitBgNbd(customers);

  it('recovers the parameters of simulated data (20,000 customers, within 10%)', () => {
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(20_000);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[key] / truth[key] - 1)).toBeLessThan(0.1);
    }
  });

  it('returns a maximum of the likelihood', () => {
    expect(fit.logLikelihood).toBeCloseTo(bgnbdLogLikelihood(fit.params, customers), 6);
    expect(fit.logLikelihood).toBeGreaterThan(bgnbdLogLikelihood(truth, customers));
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      for (const factor of [0.99, 1.01]) {
        const nudged = { ...fit.params, [key]: fit.params[key] * factor };
        expect(bgnbdLogLikelihood(nudged, customers)).toBeLessThan(fit.logLikelihood);
      }
    }
  });

  it('accepts extra starting points and reports an exhausted iteration budget', () => {
    const small = customers.slice(0, 2_000);
    const withStart = fitBgNbd(small, { starts: [truth] });
    expect(withStart.params.r).toBeCloseTo(fitBgNbd(small).params.r, 5);
    expect(fitBgNbd(small, { maxIterations: 1 }).converged).toBe(false);
  });

  it('refuses data without any repeat purchase', () => {
    expect(() => fitBgNbd([{ x: 0, tx: 0, T: 10 }])).toThrow(RangeError);
  });
});
