/**
 * When a schedule fires next: weekly on a weekday or monthly on a day of the month (the month's
 * last day when it is shorter), at a wall time in the company's time zone. A wall time that does
 * not exist (a DST gap) fires at the first instant after it; one that exists twice, at the first.
 */
import { offsetMinutesAt, type ReportScheduleFrequency } from '@crm/shared/contracts';

export interface ScheduleRule {
  frequency: ReportScheduleFrequency;
  weekday: number | null;
  dayOfMonth: number | null;
  /** `HH:MM` */
  time: string;
  timeZone: string;
}

/** Offset of `timeZone` from UTC at `instant`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  return offsetMinutesAt(instant, timeZone) * 60_000;
}

/** The instant a wall time of `timeZone` names (see the gap and overlap rules above). */
export function wallTimeToInstant(y: number, m: number, d: number, hh: number, mm: number, timeZone: string): Date {
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  // The earlier of the candidates that shows this wall time; in a gap neither does: take the later.
  const candidates = [Math.min(first, second), Math.max(first, second)];
  for (const t of candidates) if (t + zoneOffsetMs(t, timeZone) === wall) return new Date(t);
  return new Date(Math.max(first, second));
}

/** Local calendar date of `instant` in `timeZone`. */
function localDate(instant: Date, timeZone: string): { y: number; m: number; d: number } {
  const local = new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), timeZone));
  return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() };
}

/** The first firing strictly after `after`. */
export function nextRun(rule: ScheduleRule, after: Date): Date {
  const [hh, mm] = rule.time.split(':').map(Number);
  const start = localDate(after, rule.timeZone);
  for (let i = 0; i < 400; i++) {
    const day = new Date(Date.UTC(start.y, start.m - 1, start.d + i));
    const y = day.getUTCFullYear();
    const m = day.getUTCMonth() + 1;
    const d = day.getUTCDate();
    let matches: boolean;
    if (rule.frequency === 'weekly') {
      const weekday = ((day.getUTCDay() + 6) % 7) + 1; // 1 = Monday
      matches = weekday === rule.weekday;
    } else {
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      matches = d === Math.min(rule.dayOfMonth ?? 1, last);
    }
    if (!matches) continue;
    const at = wallTimeToInstant(y, m, d, hh, mm, rule.timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error('No run of the schedule within 400 days');
}
