import { repairHistory } from './history';

describe('repairHistory', () => {
  it('leaves finite data untouched', () => {
    expect(repairHistory([1, 2, 3])).toEqual({
      values: [1, 2, 3],
      replaced: 0,
    });
  });

  it('interpolates inner gaps linearly and extends the ends', () => {
    expect(repairHistory([NaN, 2, NaN, NaN, 8, Infinity])).toEqual({
      values: [2, 2, 4, 6, 8, 8],
      replaced: 4,
    });
  });

  it('returns an empty history when nothing is finite', () => {
    expect(repairHistory([NaN, NaN])).toEqual({ values: [], replaced: 2 });
  });
});
