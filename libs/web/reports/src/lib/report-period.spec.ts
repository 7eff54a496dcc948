import { isValidRange, periodRange, presetRange } from './report-period';

describe('report periods', () => {
  const today = new Date(2026, 10, 20); // 20 Nov 2026, a Friday

  it.each([
    ['this-month', '2026-11-01', '2026-11-20'],
    ['last-month', '2026-10-01', '2026-10-31'],
    ['this-quarter', '2026-10-01', '2026-11-20'],
    ['last-quarter', '2026-07-01', '2026-09-30'],
    ['this-year', '2026-01-01', '2026-11-20'],
    ['last-year', '2025-01-01', '2025-12-31'],
    ['last-30-days', '2026-10-22', '2026-11-20'],
    ['last-90-days', '2026-08-23', '2026-11-20'],
    ['last-365-days', '2025-11-21', '2026-11-20'],
  ] as const)('%s covers %s to %s', (preset, from, to) => {
    expect(presetRange(preset, today)).toEqual({ from, to });
  });

  it('takes last month and last quarter across the new year', () => {
    const january = new Date(2027, 0, 10);
    expect(presetRange('last-month', january)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetRange('last-quarter', january)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('accepts ordered dates only', () => {
    expect(isValidRange({ from: '2026-01-01', to: '2026-01-01' })).toBe(true);
    expect(isValidRange({ from: '2026-02-01', to: '2026-01-01' })).toBe(false);
    expect(isValidRange({ from: '2026-1-1', to: '2026-01-05' })).toBe(false);
    expect(isValidRange({ from: '', to: '2026-01-05' })).toBe(false);
  });

  it('names the days of a chart period inside the report', () => {
    expect(periodRange('2026-11-01', 'month')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodRange('2026-11-16', 'week')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(periodRange('2026-11-20', 'day')).toEqual({ from: '2026-11-20', to: '2026-11-20' });
    // A week that started before the report and a month that ends after it are cut to the report.
    expect(periodRange('2026-10-26', 'week', { from: '2026-10-28', to: '2026-11-20' })).toEqual({
      from: '2026-10-28',
      to: '2026-11-01',
    });
    expect(periodRange('2026-11-01', 'month', { from: '2026-01-01', to: '2026-11-20' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-20',
    });
  });
});
