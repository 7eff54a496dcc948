import { arimaName, autoArima, fitArima, forecastArima } from './arima';
import { gaussianGenerator } from './testing';

/** Integrates an ARMA(1,1) process on the differences: ARIMA(1,1,1). */
function simulate(n: number, phi: number, theta: number, seed: number): number[] {
  const rnd = gaussianGenerator(seed);
  let y = 100;
  let wPrev = 0;
  let ePrev = 0;
  return Array.from({ length: n }, () => {
    const e = rnd();
    const w = phi * wPrev + e + theta * ePrev;
    wPrev = w;
    ePrev = e;
    y += w;
    return y;
  });
}

const nonSeasonal = { P: 0, Q: 0, D: 0 as const, drift: false };

describe('ARIMA', () => {
  it('estimates an AR(1) coefficient of the differences', () => {
    const fit = fitArima(simulate(400, 0.6, 0, 1), 1, { p: 1, q: 0, ...nonSeasonal }, false);
    expect(fit?.ar[0]).toBeGreaterThan(0.5);
    expect(fit?.ar[0]).toBeLessThan(0.7);
  });

  it('estimates an MA(1) coefficient of the differences', () => {
    const fit = fitArima(simulate(400, 0, -0.5, 2), 1, { p: 0, q: 1, ...nonSeasonal }, false);
    expect(fit?.ma[0]).toBeGreaterThan(-0.6);
    expect(fit?.ma[0]).toBeLessThan(-0.4);
  });

  it('gives a random walk the σ√h error growth', () => {
    const fit = fitArima(simulate(200, 0, 0, 3), 1, { p: 0, q: 0, ...nonSeasonal }, false);
    expect(fit).not.toBeNull();
    if (!fit) return;
    const fc = forecastArima(fit, 4);
    fc.sd.forEach((sd, k) => expect(sd).toBeCloseTo(Math.sqrt(fit.sigma2 * (k + 1)), 10));
    fc.mean.forEach((m) => expect(m).toBeCloseTo(fit.y[fit.y.length - 1], 10));
  });

  it('chooses seasonal differencing on a seasonal series and recovers the pattern on the log scale', () => {
    const rnd = gaussianGenerator(4);
    const pattern = [0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7];
    const truth = (t: number): number => (200 + 2 * t) * pattern[t % 12];
    const y = Array.from({ length: 96 }, (_, t) => truth(t) * (1 + 0.01 * rnd()));
    const fit = autoArima(y, 12);
    expect(fit?.log).toBe(true);
    expect(fit?.order.D).toBe(1);
    expect(fit ? arimaName(fit) : '').toMatch(/^log-ARIMA\(\d,1,\d\)\(\d,1,\d\)\[12\]$/);
    const fc = fit ? forecastArima(fit, 12).mean : [];
    fc.forEach((v, k) => expect(Math.abs(v / truth(96 + k) - 1)).toBeLessThan(0.04));
  });

  it('models non-positive data without the log and without seasonal terms when not seasonal', () => {
    const rnd = gaussianGenerator(5);
    const y = Array.from({ length: 60 }, () => rnd());
    const fit = autoArima(y, 12);
    expect(fit?.log).toBe(false);
    expect(fit?.order.D).toBe(0);
    expect(fit?.order.P).toBe(0);
    expect(fit?.order.Q).toBe(0);
  });

  it('returns null when the history is too short for the order', () => {
    expect(fitArima([1, 2, 3, 4, 5, 6], 12, { p: 2, q: 2, P: 1, Q: 1, D: 1, drift: false }, true)).toBeNull();
  });
});
