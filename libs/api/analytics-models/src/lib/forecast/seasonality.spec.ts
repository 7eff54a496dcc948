import { centredMovingAverage, isSeasonal, seasonalAdjustment, seasonalIndices } from './seasonality';
import { gaussianGenerator } from './testing';

const pattern = [0.8, 0.85, 0.9, 1.0, 1.05, 1.1, 1.2, 1.25, 1.1, 1.0, 0.9, 0.85];

function seasonalSeries(n: number, noise: number, seed = 1): number[] {
  const rnd = gaussianGenerator(seed);
  return Array.from({ length: n }, (_, t) => (100 + t) * pattern[t % 12] * (1 + noise * rnd()));
}

describe('isSeasonal', () => {
  it('detects a strong monthly pattern', () => {
    expect(isSeasonal(seasonalSeries(60, 0.02), 12)).toBe(true);
  });

  it('rejects white noise', () => {
    const rnd = gaussianGenerator(7);
    expect(
      isSeasonal(
        Array.from({ length: 120 }, () => 100 + rnd()),
        12,
      ),
    ).toBe(false);
  });

  it('uses the F-test for weekly data: detects a yearly cycle, rejects noise', () => {
    const rnd = gaussianGenerator(52);
    const weekly = (amplitude: number): number[] =>
      Array.from({ length: 156 }, (_, t) => 500 + 2 * t + amplitude * Math.sin((2 * Math.PI * t) / 52) + 10 * rnd());
    expect(isSeasonal(weekly(40), 52)).toBe(true);
    const falsePositives = Array.from({ length: 20 }, () => isSeasonal(weekly(0), 52)).filter(Boolean).length;
    expect(falsePositives).toBeLessThanOrEqual(6);
  });

  it('needs more than two seasons and variation', () => {
    expect(isSeasonal(seasonalSeries(24, 0), 12)).toBe(false);
    expect(isSeasonal(new Array(60).fill(5), 12)).toBe(false);
  });
});

describe('seasonalIndices', () => {
  it('recovers multiplicative indices of a trending series', () => {
    const idx = seasonalIndices(seasonalSeries(96, 0), 12, 'multiplicative');
    const norm = pattern.reduce((a, b) => a + b, 0) / 12;
    expect(idx).not.toBeNull();
    idx?.forEach((v, p) => expect(v).toBeCloseTo(pattern[p] / norm, 2));
  });

  it('recovers additive indices that sum to zero', () => {
    const effects = [-5, -3, -1, 0, 2, 4, 6, 4, 2, 0, -3, -6];
    const idx = seasonalIndices(
      Array.from({ length: 48 }, (_, t) => 50 + 0.5 * t + effects[t % 12]),
      12,
      'additive',
    );
    expect(idx?.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 10);
    idx?.forEach((v, p) => expect(v).toBeCloseTo(effects[p], 6));
  });

  it('returns null for too little data or non-positive trends', () => {
    expect(seasonalIndices([1, 2, 3, 4, 5], 12, 'additive')).toBeNull();
    expect(
      seasonalIndices(
        Array.from({ length: 36 }, (_, t) => (t % 2 ? -1 : 1)),
        12,
        'multiplicative',
      ),
    ).toBeNull();
  });

  it('computes the centred 2×m moving average', () => {
    const ma = centredMovingAverage([1, 2, 3, 4, 5, 6], 4);
    expect(ma[0]).toBeNaN();
    expect(ma[2]).toBeCloseTo((0.5 * 1 + 2 + 3 + 4 + 0.5 * 5) / 4, 12);
    expect(ma[4]).toBeNaN();
    expect(centredMovingAverage([1, 2, 4], 3)[1]).toBeCloseTo(7 / 3, 12);
  });
});

describe('seasonalAdjustment', () => {
  it('divides by multiplicative indices and restores them (means and sds) after the history', () => {
    const y = seasonalSeries(60, 0.01);
    const adj = seasonalAdjustment(y, 12);
    expect(adj).not.toBeNull();
    if (!adj) return;
    // adjusted series is close to the trend (100 + t) times the mean pattern
    const norm = pattern.reduce((a, b) => a + b, 0) / 12;
    adj.adjusted.forEach((v, t) => expect(Math.abs(v / ((100 + t) * norm) - 1)).toBeLessThan(0.05));
    const restored = adj.restore({ mean: [10, 10], sd: [1, 1] });
    expect(restored.mean[0] / restored.mean[1]).toBeCloseTo(pattern[0] / pattern[1], 1);
    expect(restored.sd[0] / restored.mean[0]).toBeCloseTo(0.1, 12);
  });

  it('uses additive indices when the data are not all positive', () => {
    const effects = [-5, -3, -1, 0, 2, 4, 6, 4, 2, 0, -3, -6];
    const rnd = gaussianGenerator(3);
    const y = Array.from({ length: 60 }, (_, t) => effects[t % 12] + 0.1 * rnd());
    const adj = seasonalAdjustment(y, 12);
    expect(adj).not.toBeNull();
    const restored = adj?.restore({ mean: [0, 0], sd: [1, 1] });
    expect(restored?.mean[0]).toBeCloseTo(effects[0], 0);
    expect(restored?.sd).toEqual([1, 1]);
  });

  it('returns null for a non-seasonal series', () => {
    const rnd = gaussianGenerator(99);
    expect(
      seasonalAdjustment(
        Array.from({ length: 60 }, () => 50 + rnd()),
        12,
      ),
    ).toBeNull();
  });
});
