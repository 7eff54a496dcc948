import { planBacktest, scoreBacktest } from './backtest';

describe('planBacktest', () => {
  it('uses the full horizon and three origins when the history allows', () => {
    expect(planBacktest(126, 18, 25, 3)).toEqual({
      horizon: 18,
      origins: [90, 99, 108],
    });
  });

  it('shortens the horizon to keep the minimum training length', () => {
    expect(planBacktest(48, 18, 25, 3)).toEqual({
      horizon: 11,
      origins: [27, 32, 37],
    });
  });

  it('falls back to fewer origins, then gives up', () => {
    expect(planBacktest(5, 12, 4, 3)).toEqual({ horizon: 1, origins: [4] });
    expect(planBacktest(4, 12, 4, 3)).toBeNull();
  });
});

describe('scoreBacktest', () => {
  it('averages MASE, sMAPE and MAE over origins', () => {
    const history = [10, 12, 11, 13, 12, 14];
    const plan = { horizon: 2, origins: [3, 4] };
    const score = scoreBacktest(history, 1, plan, [
      { mean: [13, 13], sd: [0, 0] }, // actual 13, 12 -> errors 0, 1
      { mean: [12, 12], sd: [0, 0] }, // actual 12, 14 -> errors 0, 2
    ]);
    // scales: mean |diff| of [10,12,11] = 1.5 ; of [10,12,11,13] = 5/3
    expect(score.mae).toBeCloseTo(0.75, 12);
    expect(score.mase).toBeCloseTo((0.5 / 1.5 + 1 / (5 / 3)) / 2, 12);
    const s1 = (0 + 200 / 25) / 2;
    const s2 = (0 + 400 / 26) / 2;
    expect(score.smape).toBeCloseTo((s1 + s2) / 2, 10);
  });

  it('reports a null MASE when a training window is constant', () => {
    const score = scoreBacktest([5, 5, 5, 6], 1, { horizon: 1, origins: [3] }, [{ mean: [5], sd: [0] }]);
    expect(score.mase).toBeNull();
    expect(score.mae).toBe(1);
  });
});
