import { maseScale, meanAbsoluteError, smape, symmetricApe } from './metrics';

describe('metrics', () => {
  it('computes sAPE with the 200|y−f|/(|y|+|f|) convention', () => {
    expect(symmetricApe(100, 50)).toBeCloseTo(66.6667, 3);
    expect(symmetricApe(0, 0)).toBe(0);
    expect(smape([100, 100], [100, 50])).toBeCloseTo(33.3333, 3);
  });

  it('computes MAE', () => {
    expect(meanAbsoluteError([1, 2, 3], [2, 2, 5])).toBeCloseTo(1, 12);
  });

  it('scales MASE by the in-sample seasonal naive MAE', () => {
    const x = [1, 2, 3, 4, 2, 3, 4, 6];
    // lag 4 differences: 1, 1, 1, 2
    expect(maseScale(x, 4)).toBeCloseTo(1.25, 12);
    // history not longer than a season: lag 1
    expect(maseScale([1, 3, 2], 4)).toBeCloseTo(1.5, 12);
    expect(maseScale([5, 5, 5], 1)).toBe(0);
    expect(maseScale([5], 1)).toBeNaN();
  });
});
