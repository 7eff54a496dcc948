import { isoDay } from './kpi';

/** The periods the start screen offers; `custom` takes its own dates. */
export const PERIOD_PRESETS = ['last30', 'last90', 'last365', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface PeriodChoice {
  preset: PeriodPreset;
  /** `YYYY-MM-DD`, for `custom` only. */
  from?: string;
  to?: string;
}

export interface DayRange {
  from: string;
  to: string;
}

export type ChartGranularity = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;
/** Longest custom range: the API buckets at most ten years. */
export const MAX_CUSTOM_DAYS = 3_660;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const local = (year: number, month: number, day: number) => isoDay(new Date(year, month, day));

/** Days in a range, both ends included. */
export function daysIn(range: DayRange): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** A custom range the API accepts: two dates, in order, at most {@link MAX_CUSTOM_DAYS} long. */
export function isValidRange(from: string | undefined, to: string | undefined): boolean {
  if (!from || !to || !DAY.test(from) || !DAY.test(to) || from > to) return false;
  const days = daysIn({ from, to });
  return Number.isFinite(days) && days <= MAX_CUSTOM_DAYS;
}

/**
 * The days a choice covers, up to and including `today` (local): the last 30/90/365 days, this
 * calendar month/quarter/year so far, or the custom dates (the last 30 days while they are invalid).
 */
export function rangeOf(choice: PeriodChoice, today: Date = new Date()): DayRange {
  const y = today.getFullYear();
  const m = today.getMonth();
  const d = today.getDate();
  const to = local(y, m, d);
  switch (choice.preset) {
    case 'last30':
      return { from: local(y, m, d - 29), to };
    case 'last90':
      return { from: local(y, m, d - 89), to };
    case 'last365':
      return { from: local(y, m, d - 364), to };
    case 'month':
      return { from: local(y, m, 1), to };
    case 'quarter':
      return { from: local(y, m - (m % 3), 1), to };
    case 'year':
      return { from: local(y, 0, 1), to };
    case 'custom':
      return isValidRange(choice.from, choice.to)
        ? { from: choice.from as string, to: choice.to as string }
        : rangeOf({ preset: 'last30' }, today);
  }
}

/** The previous period of the same length, ending the day before `range` starts (as the API compares). */
export function previousRange(range: DayRange): DayRange {
  const start = Date.parse(`${range.from}T00:00:00Z`);
  const length = daysIn(range);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(start - length * DAY_MS), to: iso(start - DAY_MS) };
}

/** Bars the chart can show legibly: days up to a quarter, weeks up to two years, months beyond. */
export function chartGranularity(range: DayRange): ChartGranularity {
  const days = daysIn(range);
  if (days <= 92) return 'day';
  if (days <= 731) return 'week';
  return 'month';
}

const STORAGE_KEY = 'crm.home.period';

/** The choice kept from the last visit, or the last 30 days. */
export function loadChoice(storage: Pick<Storage, 'getItem'> | undefined): PeriodChoice {
  try {
    const saved = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null') as PeriodChoice | null;
    if (saved && (PERIOD_PRESETS as readonly string[]).includes(saved.preset)) {
      if (saved.preset !== 'custom') return { preset: saved.preset };
      if (isValidRange(saved.from, saved.to)) return { preset: 'custom', from: saved.from, to: saved.to };
    }
  } catch {
    // A damaged entry is as good as none.
  }
  return { preset: 'last30' };
}

export function saveChoice(storage: Pick<Storage, 'setItem'> | undefined, choice: PeriodChoice): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(choice));
  } catch {
    // Private mode or a full storage: the choice lasts for this visit only.
  }
}
