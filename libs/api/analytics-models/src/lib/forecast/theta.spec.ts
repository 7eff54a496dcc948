import { gaussianGenerator } from './testing';
import { seasonalAdjustment } from './seasonality';
import { thetaForecast } from './theta';

describe('thetaForecast', () => {
  it('extrapolates half the linear-regression slope on non-seasonal data', () => {
    const rnd = gaussianGenerator(21);
    const y = Array.from({ length: 60 }, (_, t) => 100 + 2 * t + 3 * rnd());
    const fc = thetaForecast(y, 12, 6);
    expect(fc).not.toBeNull();
    const mean = fc?.mean ?? [];
    for (let k = 1; k < mean.length; k++) expect(mean[k] - mean[k - 1]).toBeCloseTo(1, 1);
  });

  it('reseasonalises with the classical multiplicative indices when the series is seasonal', () => {
    const pattern = [0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.2, 1.1, 1, 0.9, 0.8];
    const rnd = gaussianGenerator(4);
    const y = Array.from({ length: 72 }, (_, t) => 500 * pattern[t % 12] * (1 + 0.01 * rnd()));
    expect(seasonalAdjustment(y, 12)).not.toBeNull();
    const fc = thetaForecast(y, 12, 12);
    const mean = fc?.mean ?? [];
    // forecast step k is calendar position (72 + k) % 12 = k
    expect(mean[6] / mean[0]).toBeCloseTo(1.3 / 0.7, 1);
    mean.forEach((v, k) => expect(Math.abs(v / (500 * pattern[k]) - 1)).toBeLessThan(0.03));
  });

  it('widens the intervals with the horizon', () => {
    const rnd = gaussianGenerator(8);
    const fc = thetaForecast(
      Array.from({ length: 40 }, () => 10 + rnd()),
      1,
      5,
    );
    const sd = fc?.sd ?? [];
    for (let k = 1; k < sd.length; k++) expect(sd[k]).toBeGreaterThanOrEqual(sd[k - 1]);
  });

  it('returns null when SES cannot be fitted', () => {
    expect(thetaForecast([1, 2, 3], 1, 3)).toBeNull();
  });
});
