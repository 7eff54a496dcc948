import { nextRun, wallTimeToInstant } from './next-run';

describe('nextRun', () => {
  const weekly = {
    frequency: 'weekly' as const,
    weekday: 1,
    dayOfMonth: null,
    time: '09:00',
    timeZone: 'Europe/Moscow',
  };

  it('fires on the next Monday at 09:00 Moscow time (06:00 UTC)', () => {
    // 2026-12-02 is a Wednesday.
    expect(nextRun(weekly, new Date('2026-12-02T10:00:00Z')).toISOString()).toBe('2026-12-07T06:00:00.000Z');
  });

  it('fires the same day when the time is still ahead, and a week later once it has passed', () => {
    expect(nextRun(weekly, new Date('2026-12-07T05:59:00Z')).toISOString()).toBe('2026-12-07T06:00:00.000Z');
    expect(nextRun(weekly, new Date('2026-12-07T06:00:00Z')).toISOString()).toBe('2026-12-14T06:00:00.000Z');
  });

  it('runs monthly on the 31st as the last day of shorter months', () => {
    const monthly = { frequency: 'monthly' as const, weekday: null, dayOfMonth: 31, time: '08:30', timeZone: 'UTC' };
    expect(nextRun(monthly, new Date('2026-02-01T00:00:00Z')).toISOString()).toBe('2026-02-28T08:30:00.000Z');
    expect(nextRun(monthly, new Date('2026-02-28T08:30:00Z')).toISOString()).toBe('2026-03-31T08:30:00.000Z');
  });

  it('follows daylight saving time in the company time zone', () => {
    const berlin = {
      frequency: 'weekly' as const,
      weekday: 7,
      dayOfMonth: null,
      time: '09:00',
      timeZone: 'Europe/Berlin',
    };
    // Sunday 2026-03-22 is winter time (UTC+1), Sunday 2026-03-29 summer time (UTC+2).
    expect(nextRun(berlin, new Date('2026-03-21T00:00:00Z')).toISOString()).toBe('2026-03-22T08:00:00.000Z');
    expect(nextRun(berlin, new Date('2026-03-23T00:00:00Z')).toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });

  it('maps a wall time inside the spring-forward gap to the instant after it', () => {
    // 02:30 does not exist in Berlin on 2026-03-29 (02:00 → 03:00).
    expect(wallTimeToInstant(2026, 3, 29, 2, 30, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});
