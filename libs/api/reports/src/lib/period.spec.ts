import { presetPeriod } from './period';
import { runPeriod } from './reports.service';

describe('presetPeriod', () => {
  it.each([
    ['this-month', { from: '2026-12-01', to: '2026-12-02' }],
    ['last-month', { from: '2026-11-01', to: '2026-11-30' }],
    ['this-quarter', { from: '2026-10-01', to: '2026-12-02' }],
    ['last-quarter', { from: '2026-07-01', to: '2026-09-30' }],
    ['this-year', { from: '2026-01-01', to: '2026-12-02' }],
    ['last-year', { from: '2025-01-01', to: '2025-12-31' }],
    ['last-30-days', { from: '2026-11-03', to: '2026-12-02' }],
    ['last-90-days', { from: '2026-09-04', to: '2026-12-02' }],
    ['last-365-days', { from: '2025-12-03', to: '2026-12-02' }],
  ] as const)('resolves %s as of 2026-12-02', (preset, period) => {
    expect(presetPeriod(preset, '2026-12-02')).toEqual(period);
  });

  it('takes the previous month across a year boundary and a leap February', () => {
    expect(presetPeriod('last-month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('last-month', '2028-03-31')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('last-quarter', '2026-02-10')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
  });
});

describe('runPeriod', () => {
  const params = { type: 'sales-overview' as const, currency: null, filters: {} };
  it('is the preset as of the run day, or the report length ending the day before', () => {
    expect(runPeriod({ ...params, from: '2026-11-01', to: '2026-11-30', preset: 'last-month' }, '2026-12-07')).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(runPeriod({ ...params, from: '2026-11-01', to: '2026-11-07', preset: null }, '2026-12-07')).toEqual({
      from: '2026-11-30',
      to: '2026-12-06',
    });
  });
});
