import { digamma, hyp2f1Excess, logGamma } from './special-functions';

describe('logGamma', () => {
  it.each([
    [1, 0],
    [2, 0],
    [0.5, 0.5 * Math.log(Math.PI)], // Γ(1/2) = √π
    [10, Math.log(362880)], // 9!
    [0.1, Math.log(9.513507698668732)],
    [100, 359.1342053695754], // ln 99!
    [0.243, Math.log(3.7361048498196268)], // Γ(0.243), Python math.gamma
  ])('lnΓ(%p)', (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 12);
  });

  it('satisfies Γ(x + 1) = x Γ(x) over a wide range', () => {
    for (const x of [1e-3, 0.37, 1.5, 7.25, 42, 1234.5]) {
      expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 11);
    }
  });

  it('is NaN outside its domain', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
  });
});

describe('digamma', () => {
  const EULER_GAMMA = 0.5772156649015329;

  it.each([
    [1, -EULER_GAMMA],
    [0.5, -EULER_GAMMA - 2 * Math.LN2],
    [10, 2.251752589066721], // H₉ − γ
  ])('ψ(%p)', (x, expected) => {
    expect(digamma(x)).toBeCloseTo(expected, 12);
  });

  it('is the derivative of logGamma', () => {
    for (const x of [0.05, 0.8, 3.3, 25, 400]) {
      const h = 1e-5 * Math.max(1, x);
      const numeric = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
      expect(digamma(x)).toBeCloseTo(numeric, 6);
    }
  });
});

describe('hyp2f1Excess', () => {
  it('matches ₂F₁(1, 1; 2; z) = −ln(1 − z) / z', () => {
    for (const z of [0.001, 0.5, 0.9, 0.999]) {
      expect(hyp2f1Excess(1, 1, 2, z)).toBeCloseTo(-Math.log1p(-z) / z - 1, 10);
    }
  });

  it('matches ₂F₁(a, b; b; z) = (1 − z)^−a', () => {
    const [a, b, z] = [0.7, 2.3, 0.6];
    expect(hyp2f1Excess(a, b, b, z)).toBeCloseTo((Math.pow(1 - z, -a) - 1) / b, 12);
  });

  it('is the b-derivative of ₂F₁ at b = 0: Σ zⁿ/n = −ln(1 − z) for a = c = 1', () => {
    expect(hyp2f1Excess(1, 0, 1, 0.75)).toBeCloseTo(-Math.log(0.25), 12);
  });

  it('is continuous in b through 0', () => {
    const at = (b: number) => hyp2f1Excess(1.9, b, 3.2, 0.4);
    expect(at(1e-9)).toBeCloseTo(at(0), 8);
    expect(at(-1e-9)).toBeCloseTo(at(0), 8);
  });

  it('rejects z outside [0, 1)', () => {
    expect(() => hyp2f1Excess(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1Excess(1, 1, 2, -0.1)).toThrow(RangeError);
  });
});
