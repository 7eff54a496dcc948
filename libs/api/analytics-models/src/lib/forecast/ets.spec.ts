import { autoEts, defaultSpecs, etsName, fitEts, forecastEts, isAdmissibleSpec } from './ets';
import { gaussianGenerator } from './testing';

function localLevel(n: number, alpha: number, sigma: number, seed: number): number[] {
  const rnd = gaussianGenerator(seed);
  let level = 100;
  return Array.from({ length: n }, () => {
    const e = sigma * rnd();
    const y = level + e;
    level += alpha * e;
    return y;
  });
}

describe('ETS', () => {
  it('estimates α and σ of a simulated local-level model and uses the analytic ANN variance', () => {
    const y = localLevel(400, 0.3, 2, 11);
    const fit = fitEts(y, 1, { error: 'A', trend: 'N', season: 'N' });
    expect(fit).not.toBeNull();
    if (!fit) return;
    expect(fit.alpha).toBeGreaterThan(0.15);
    expect(fit.alpha).toBeLessThan(0.45);
    expect(Math.sqrt(fit.sigma2)).toBeGreaterThan(1.8);
    expect(Math.sqrt(fit.sigma2)).toBeLessThan(2.2);
    const fc = forecastEts(fit, 5);
    fc.sd.forEach((sd, k) => expect(sd).toBeCloseTo(Math.sqrt(fit.sigma2 * (1 + k * fit.alpha ** 2)), 10));
    fc.mean.forEach((m) => expect(m).toBeCloseTo(fit.level, 10));
  });

  it('extrapolates an exact linear trend with ETS(A,A,N)', () => {
    const y = Array.from({ length: 40 }, (_, t) => 20 + 1.5 * t);
    const fit = fitEts(y, 1, { error: 'A', trend: 'A', season: 'N' });
    const fc = fit ? forecastEts(fit, 6).mean : [];
    fc.forEach((v, k) => expect(v).toBeCloseTo(20 + 1.5 * (40 + k), 1));
  });

  it('damps the trend: forecast increments shrink geometrically by φ', () => {
    const rnd = gaussianGenerator(3);
    const y = Array.from({ length: 60 }, (_, t) => 50 + 2 * t + rnd());
    const fit = fitEts(y, 1, { error: 'A', trend: 'Ad', season: 'N' });
    expect(fit).not.toBeNull();
    if (!fit) return;
    const m = forecastEts(fit, 4).mean;
    const d1 = m[1] - m[0];
    const d2 = m[2] - m[1];
    expect(d2 / d1).toBeCloseTo(fit.phi, 8);
    expect(fit.phi).toBeGreaterThanOrEqual(0.8);
    expect(fit.phi).toBeLessThanOrEqual(0.98);
  });

  it('selects a seasonal model for trending seasonal data and recovers the continuation', () => {
    const rnd = gaussianGenerator(5);
    const season = [10, 6, 2, -2, -6, -10, -8, -4, 0, 4, 8, 0];
    const truth = (t: number): number => 200 + 0.8 * t + season[t % 12];
    const y = Array.from({ length: 96 }, (_, t) => truth(t) + 0.5 * rnd());
    const fit = autoEts(y, 12, defaultSpecs(true));
    expect(fit?.spec.season).not.toBe('N');
    const fc = fit ? forecastEts(fit, 12).mean : [];
    fc.forEach((v, k) => expect(Math.abs(v - truth(96 + k))).toBeLessThan(3));
  });

  it('never uses multiplicative components on data with zeros or negatives', () => {
    const y = Array.from({ length: 48 }, (_, t) => (t % 12) - 3 + 0.1 * t);
    expect(isAdmissibleSpec(y, 12, { error: 'M', trend: 'N', season: 'N' })).toBe(false);
    const fit = autoEts(y, 12, defaultSpecs(true));
    expect(fit?.spec.error).toBe('A');
    expect(fit?.spec.season).not.toBe('M');
  });

  it('rejects seasonal structures with fewer than two seasons', () => {
    const y = Array.from({ length: 20 }, (_, t) => 10 + (t % 12));
    expect(isAdmissibleSpec(y, 12, { error: 'A', trend: 'N', season: 'A' })).toBe(false);
    expect(fitEts(y, 12, { error: 'A', trend: 'N', season: 'A' })).toBeNull();
  });

  it('gives multiplicative-error models a one-step sd of |μ|·σ', () => {
    const rnd = gaussianGenerator(9);
    const y = Array.from({ length: 80 }, () => 100 * (1 + 0.05 * rnd()));
    const fit = fitEts(y, 1, { error: 'M', trend: 'N', season: 'N' });
    expect(fit).not.toBeNull();
    if (!fit) return;
    const fc = forecastEts(fit, 3);
    expect(fc.sd[0]).toBeCloseTo(fc.mean[0] * Math.sqrt(fit.sigma2), 8);
    expect(fc.sd[2]).toBeGreaterThan(fc.sd[0]);
  });

  it('names models and lists R-default structures', () => {
    expect(etsName({ error: 'M', trend: 'Ad', season: 'M' })).toBe('ETS(M,Ad,M)');
    expect(defaultSpecs(true)).toHaveLength(15);
    expect(defaultSpecs(false)).toHaveLength(6);
  });
});
