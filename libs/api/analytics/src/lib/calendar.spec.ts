import { addDays, countPeriods, daysBetween, nextPeriod, periodsBetween, periodStart } from './calendar';

describe('calendar', () => {
  it('starts weeks on Monday and names periods by their first day', () => {
    expect(periodStart('2026-11-20', 'week')).toBe('2026-11-16'); // a Friday → its Monday
    expect(periodStart('2026-11-16', 'week')).toBe('2026-11-16');
    expect(periodStart('2026-11-22', 'week')).toBe('2026-11-16'); // Sunday closes the week
    expect(periodStart('1970-01-01', 'week')).toBe('1969-12-29');
    expect(periodStart('2026-02-28', 'month')).toBe('2026-02-01');
    expect(periodStart('2026-02-28', 'day')).toBe('2026-02-28');
  });

  it('steps over month and year ends and leap days', () => {
    expect(nextPeriod('2026-12-01', 'month')).toBe('2027-01-01');
    expect(nextPeriod('2028-02-28', 'day')).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(365);
  });

  it('lists every period overlapping a range, the first one even when it starts before `from`', () => {
    expect(periodsBetween('2026-01-15', '2026-03-02', 'month')).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(periodsBetween('2026-11-18', '2026-11-30', 'week')).toEqual(['2026-11-16', '2026-11-23', '2026-11-30']);
    expect(periodsBetween('2026-11-18', '2026-11-18', 'day')).toEqual(['2026-11-18']);
    for (const g of ['day', 'week', 'month'] as const) {
      expect(countPeriods('2025-12-30', '2027-01-02', g)).toBe(periodsBetween('2025-12-30', '2027-01-02', g).length);
    }
  });
});
