/**
 * Builds the per-customer (x, t_x, T) summary used by the BG/NBD and Gamma-Gamma models
 * from raw transactions.
 */

/** Time unit of x/t_x/T and of the fitted BG/NBD α parameter. */
export type TimeUnit = 'days' | 'weeks';

/** Length of one {@link TimeUnit} in days. */
export const DAYS_PER_TIME_UNIT: Readonly<Record<TimeUnit, number>> = { days: 1, weeks: 7 };

const MS_PER_DAY = 86_400_000;
const ISO_DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;

/** One purchase. */
export interface CustomerTransaction {
  customerId: string;
  /**
   * Purchase date. A string starting with `YYYY-MM-DD` is taken at that calendar date
   * (any time part is ignored); a `Date` is taken at its UTC calendar date.
   */
  date: string | Date;
  /** Monetary value of the purchase (same-day purchases are summed). */
  amount: number;
}

/** Calibration-period summary of one customer, in the summary's {@link TimeUnit}. */
export interface CustomerCalibration {
  customerId: string;
  /** Number of repeat transactions: distinct purchase days after the first purchase day. */
  x: number;
  /** Time from the first to the last purchase day (0 when x = 0). */
  tx: number;
  /** Time from the first purchase day to the calibration end date. */
  T: number;
  /**
   * Mean value of the x repeat transactions (each one day's purchases summed); the first
   * purchase is excluded, as in the Gamma-Gamma application of Fader & Hardie. 0 when x = 0.
   */
  averageRepeatValue: number;
  /** Total value of all calibration-period purchases, first purchase included. */
  totalValue: number;
  /** First purchase day, `YYYY-MM-DD`. */
  firstPurchaseDate: string;
  /** Last purchase day within the calibration period, `YYYY-MM-DD`. */
  lastPurchaseDate: string;
}

/** Calibration summary of a customer base. */
export interface CalibrationSummary {
  timeUnit: TimeUnit;
  /** Last day of the calibration period (inclusive), `YYYY-MM-DD`. */
  calibrationEnd: string;
  /** One entry per customer with a purchase on or before `calibrationEnd`, in first-seen order. */
  customers: CustomerCalibration[];
}

/** Options for {@link buildCalibrationSummary}. */
export interface CalibrationSummaryOptions {
  /** Last day of the calibration period, inclusive (same date rules as transactions). */
  calibrationEnd: string | Date;
  timeUnit: TimeUnit;
}

/** Days since 1970-01-01 of the calendar date of `date` (see {@link CustomerTransaction.date}). */
function toDayNumber(date: string | Date): number {
  if (typeof date === 'string') {
    const match = ISO_DATE_PREFIX.exec(date);
    if (match) {
      return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
    }
    return toDayNumber(new Date(date));
  }
  const ms = date.getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError(`Invalid date: ${String(date)}`);
  }
  return Math.floor(ms / MS_PER_DAY);
}

function formatDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Summarises transactions up to and including `calibrationEnd` into the BG/NBD inputs
 * (x, t_x, T) plus the spend figures used by the Gamma-Gamma model.
 *
 * All purchases of a customer on the same calendar day count as one transaction whose value
 * is their sum (as in Fader, Hardie & Lee 2005). Transactions after `calibrationEnd` are
 * ignored, and so are customers whose first purchase falls after it.
 *
 * @example
 * buildCalibrationSummary(rows, { calibrationEnd: '1997-09-30', timeUnit: 'weeks' })
 */
export function buildCalibrationSummary(
  transactions: Iterable<CustomerTransaction>,
  options: CalibrationSummaryOptions,
): CalibrationSummary {
  const endDay = toDayNumber(options.calibrationEnd);
  const unitDays = DAYS_PER_TIME_UNIT[options.timeUnit];
  const valueByDayByCustomer = new Map<string, Map<number, number>>();

  for (const transaction of transactions) {
    if (!Number.isFinite(transaction.amount)) {
      throw new RangeError(`Transaction amount must be finite (customer ${transaction.customerId})`);
    }
    const day = toDayNumber(transaction.date);
    if (day > endDay) {
      continue;
    }
    let valueByDay = valueByDayByCustomer.get(transaction.customerId);
    if (!valueByDay) {
      valueByDay = new Map();
      valueByDayByCustomer.set(transaction.customerId, valueByDay);
    }
    valueByDay.set(day, (valueByDay.get(day) ?? 0) + transaction.amount);
  }

  const customers: CustomerCalibration[] = [];
  for (const [customerId, valueByDay] of valueByDayByCustomer) {
    const days = [...valueByDay.keys()].sort((p, q) => p - q);
    const first = days[0];
    const last = days[days.length - 1];
    let repeatValue = 0;
    for (let i = 1; i < days.length; i++) {
      repeatValue += valueByDay.get(days[i]) ?? 0;
    }
    const x = days.length - 1;
    customers.push({
      customerId,
      x,
      tx: (last - first) / unitDays,
      T: (endDay - first) / unitDays,
      averageRepeatValue: x > 0 ? repeatValue / x : 0,
      totalValue: (valueByDay.get(first) ?? 0) + repeatValue,
      firstPurchaseDate: formatDayNumber(first),
      lastPurchaseDate: formatDayNumber(last),
    });
  }

  return { timeUnit: options.timeUnit, calibrationEnd: formatDayNumber(endDay), customers };
}
