/**
 * Calendar arithmetic on local dates `YYYY-MM-DD` (no time zone: the company's zone has already
 * decided which day a sale belongs to). Weeks start on Monday; a period is named by its first day.
 */
import type { AnalyticsGranularity } from '@crm/shared/contracts';

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

/** The `YYYY-MM-DD` date of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** Inclusive number of days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** First day of the period containing `date`. */
export function periodStart(date: string, granularity: AnalyticsGranularity): string {
  if (granularity === 'day') return date;
  if (granularity === 'month') return `${date.slice(0, 8)}01`;
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday = 0.
  const day = dayNumber(date);
  return dateOfDay(day - ((((day + 3) % 7) + 7) % 7));
}

/** First day of the period after the one starting on `start`. */
export function nextPeriod(start: string, granularity: AnalyticsGranularity): string {
  if (granularity === 'day') return addDays(start, 1);
  if (granularity === 'week') return addDays(start, 7);
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** Every period overlapping [from, to], by first day, oldest first. */
export function periodsBetween(from: string, to: string, granularity: AnalyticsGranularity): string[] {
  const periods: string[] = [];
  for (let p = periodStart(from, granularity); p <= to; p = nextPeriod(p, granularity)) periods.push(p);
  return periods;
}

/** Number of periods overlapping [from, to], without listing them. */
export function countPeriods(from: string, to: string, granularity: AnalyticsGranularity): number {
  if (granularity === 'day') return daysBetween(from, to);
  if (granularity === 'week')
    return (dayNumber(periodStart(to, 'week')) - dayNumber(periodStart(from, 'week'))) / 7 + 1;
  const months = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
  return months(to) - months(from) + 1;
}
