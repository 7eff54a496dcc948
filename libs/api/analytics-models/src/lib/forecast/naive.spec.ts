import { meanForecast, naiveForecast, seasonalNaiveForecast, shortHistoryForecast } from './naive';

describe('naive benchmarks', () => {
  it('seasonal naive repeats the last season with √(k+1) error growth per season', () => {
    const y = [1, 2, 3, 4, 2, 3, 4, 5];
    const fc = seasonalNaiveForecast(y, 4, 6);
    expect(fc.mean).toEqual([2, 3, 4, 5, 2, 3]);
    expect(fc.sd[0]).toBeCloseTo(1, 12);
    expect(fc.sd[3]).toBeCloseTo(1, 12);
    expect(fc.sd[4]).toBeCloseTo(Math.SQRT2, 12);
  });

  it('naive repeats the last value with √h error growth', () => {
    const fc = naiveForecast([1, 3, 2, 4], 4);
    expect(fc.mean).toEqual([4, 4, 4, 4]);
    const sigma = Math.sqrt((4 + 1 + 4) / 3);
    expect(fc.sd[3]).toBeCloseTo(sigma * 2, 12);
  });

  it('mean forecast uses the sample sd', () => {
    const fc = meanForecast([2, 4, 6], 2);
    expect(fc.mean).toEqual([4, 4]);
    expect(fc.sd[0]).toBeCloseTo(2 * Math.sqrt(1 + 1 / 3), 12);
  });

  it('short-history forecast has a non-zero spread even for one point', () => {
    const fc = shortHistoryForecast([80], 3);
    expect(fc.mean).toEqual([80, 80, 80]);
    expect(fc.sd[0]).toBeCloseTo(20, 12);
    expect(fc.sd[2]).toBeCloseTo(20 * Math.sqrt(3), 12);
  });
});
