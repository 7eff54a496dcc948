import { fitGammaGamma, gammaGammaConditionalExpectedValue, gammaGammaLogLikelihood } from './gamma-gamma';
import { simulateCustomerBase } from './simulation';

describe('gammaGammaLogLikelihood', () => {
  it('matches a hand-computed density', () => {
    // p = 2, q = 3, γ = 4; x = 2 transactions averaging m = 5:
    // f = Γ(px+q)/(Γ(px)Γ(q)) · γ^q · m^(px−1) · x^(px) / (γ + m x)^(px+q)
    //   = Γ(7)/(Γ(4)Γ(3)) · 4³ · 5³ · 2⁴ / 14⁷ = 60 · 64 · 125 · 16 / 14⁷.
    const expected = (60 * 64 * 125 * 16) / 14 ** 7;
    expect(gammaGammaLogLikelihood({ p: 2, q: 3, gamma: 4 }, [{ x: 2, averageValue: 5 }])).toBeCloseTo(
      Math.log(expected),
      12,
    );
  });

  it('ignores customers without transactions or with a non-positive average', () => {
    const params = { p: 2, q: 3, gamma: 4 };
    const one = gammaGammaLogLikelihood(params, [{ x: 2, averageValue: 5 }]);
    expect(
      gammaGammaLogLikelihood(params, [
        { x: 2, averageValue: 5 },
        { x: 0, averageValue: 0 },
        { x: 3, averageValue: -4 },
      ]),
    ).toBeCloseTo(one, 12);
  });
});

describe('gammaGammaConditionalExpectedValue', () => {
  const params = { p: 2, q: 3, gamma: 4 };

  it('is the population mean pγ/(q−1) without transactions', () => {
    expect(gammaGammaConditionalExpectedValue(params, { x: 0, averageValue: 0 })).toBeCloseTo(4, 14);
  });

  it('shrinks the observed average towards the population mean', () => {
    // (pγ + p x m) / (p x + q − 1) = (8 + 2·2·5) / (4 + 2) = 28/6.
    expect(gammaGammaConditionalExpectedValue(params, { x: 2, averageValue: 5 })).toBeCloseTo(28 / 6, 14);
  });

  it('refuses an infinite population mean (q ≤ 1)', () => {
    expect(() => gammaGammaConditionalExpectedValue({ p: 2, q: 0.8, gamma: 4 }, { x: 0, averageValue: 0 })).toThrow(
      RangeError,
    );
  });
});

describe('fitGammaGamma', () => {
  const truth = { p: 6, q: 4, gamma: 15 };
  const customers = simulateCustomerBase({
    customers: 30_000,
    bgnbd: { r: 0.8, alpha: 6, a: 0.6, b: 3 },
    gammaGamma: truth,
    observationLength: { min: 26, max: 78 },
    seed: 11,
  });

  it('recovers the parameters of simulated data (within 10%) from repeat customers only', () => {
    const fit = fitGammaGamma(customers);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(customers.filter((c) => c.x > 0).length);
    for (const key of ['p', 'q', 'gamma'] as const) {
      expect(Math.abs(fit.params[key] / truth[key] - 1)).toBeLessThan(0.1);
    }
    expect(fit.logLikelihood).toBeGreaterThan(gammaGammaLogLikelihood(truth, customers));
  });

  it('needs at least two usable customers', () => {
    expect(() => fitGammaGamma([{ x: 1, averageValue: 3 }])).toThrow(RangeError);
  });
});
