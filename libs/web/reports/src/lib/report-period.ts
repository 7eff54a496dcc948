import type { ReportPeriodPreset } from './report-model';

/** The periods the builder offers (the contract's presets); `custom` takes its own dates. */
export const REPORT_PRESETS = [
  'this-month',
  'last-month',
  'this-quarter',
  'last-quarter',
  'this-year',
  'last-year',
  'last-30-days',
  'last-90-days',
  'last-365-days',
  'custom',
] as const satisfies readonly ReportPreset[];
export type ReportPreset = ReportPeriodPreset | 'custom';

export interface DayRange {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A local date as `YYYY-MM-DD` (`new Date(y, m, d)` rolls over months and years). */
export function localDay(year: number, month: number, day: number): string {
  const date = new Date(year, month, day);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The days of a preset as of `today` (local): the current month, quarter and year run up to
 * today; the last ones are whole; "last N days" end today.
 */
export function presetRange(preset: Exclude<ReportPreset, 'custom'>, today: Date = new Date()): DayRange {
  const y = today.getFullYear();
  const m = today.getMonth();
  const d = today.getDate();
  const to = localDay(y, m, d);
  const quarter = m - (m % 3);
  switch (preset) {
    case 'this-month':
      return { from: localDay(y, m, 1), to };
    case 'last-month':
      return { from: localDay(y, m - 1, 1), to: localDay(y, m, 0) };
    case 'this-quarter':
      return { from: localDay(y, quarter, 1), to };
    case 'last-quarter':
      return { from: localDay(y, quarter - 3, 1), to: localDay(y, quarter, 0) };
    case 'this-year':
      return { from: localDay(y, 0, 1), to };
    case 'last-year':
      return { from: localDay(y - 1, 0, 1), to: localDay(y - 1, 11, 31) };
    case 'last-30-days':
      return { from: localDay(y, m, d - 29), to };
    case 'last-90-days':
      return { from: localDay(y, m, d - 89), to };
    case 'last-365-days':
      return { from: localDay(y, m, d - 364), to };
  }
}

/** Two dates in order. */
export function isValidRange(range: Partial<DayRange>): range is DayRange {
  return !!range.from && !!range.to && DAY.test(range.from) && DAY.test(range.to) && range.from <= range.to;
}

/**
 * The last day of the period that starts on `start` (`day`, `week` from Monday, `month`), kept
 * inside `[from, to]` so a drill-down shows exactly the report's days.
 */
export function periodRange(start: string, granularity: 'day' | 'week' | 'month', bounds?: DayRange): DayRange {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const end = granularity === 'day' ? start : granularity === 'week' ? localDay(y, m - 1, d + 6) : localDay(y, m, 0);
  const from = bounds && bounds.from > start ? bounds.from : start;
  const to = bounds && bounds.to < end ? bounds.to : end;
  return { from, to };
}
