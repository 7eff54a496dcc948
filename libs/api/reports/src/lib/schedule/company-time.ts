import { zoneOffsetMs } from './next-run';

/** The local day (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function companyToday(instant: Date, timeZone: string): string {
  return new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}
