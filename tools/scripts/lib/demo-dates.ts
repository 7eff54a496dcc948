/**
 * Moves the demo data (Online Retail, December 2010 – December 2011) to the present, so that a
 * newcomer's start screen shows recent sales instead of "the last sale 15 years ago".
 *
 * The whole file moves by one shift, a whole number of weeks: the largest one that does not put the
 * last sale after yesterday (in the company's time zone). So
 * - every sale keeps its weekday (the shop's quiet Saturdays stay on Saturdays) and its time of day;
 * - the order of everything is kept: a client's history, the gaps between purchases and a return
 *   after its sale are exactly as in the file;
 * - the last sale lands on yesterday or at most six days before it (on yesterday when yesterday has
 *   the last sale's weekday);
 * - seasons: loaded in December (the data's own end), the shift is within a few weeks of a whole
 *   number of years, so months keep their seasons (the November peak stays in November). Loaded at
 *   another time of year, the seasonal shape moves with the data: one shift cannot keep both "the
 *   last sale is yesterday" and the calendar months, and folding each sale into its own month of
 *   the last year instead would put returns before their sales and scramble clients' histories.
 */
import { offsetMinutesAt } from '@crm/shared/contracts';
import type { RetailInvoice } from './online-retail';

const DAY_MS = 86_400_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})([ T].*)?$/;

function dayNumber(date: string): number {
  const match = LOCAL.exec(date);
  if (!match) throw new Error(`Not a local date: "${date}"`);
  return Date.UTC(+match[1], +match[2] - 1, +match[3]) / DAY_MS;
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day (`YYYY-MM-DD`) in `timeZone` at the instant `now`. */
export function localDate(now: Date, timeZone: string): string {
  return isoDay(Math.floor((now.getTime() + offsetMinutesAt(now.getTime(), timeZone) * 60_000) / DAY_MS));
}

/** `date` plus `days` calendar days (`YYYY-MM-DD`). */
export function addLocalDays(date: string, days: number): string {
  return isoDay(dayNumber(date) + days);
}

/**
 * Days to add to every date so that the last one (`lastSale`, local) lands on the latest day not
 * after `yesterday` with the same weekday: a whole number of weeks, never negative (data already
 * ending yesterday or later stay where they are).
 */
export function demoShiftDays(lastSale: string, yesterday: string): number {
  const gap = dayNumber(yesterday) - dayNumber(lastSale);
  return gap <= 0 ? 0 : Math.floor(gap / 7) * 7;
}

/** A local `YYYY-MM-DD HH:MM:SS` moved by whole days; the time of day is kept as written. */
export function shiftLocalDateTime(local: string, days: number): string {
  const match = LOCAL.exec(local);
  if (!match) throw new Error(`Not a local date-time: "${local}"`);
  return `${isoDay(dayNumber(local) + days)}${match[4] ?? ''}`;
}

/** The invoice with every line's date moved by `days`. */
export function shiftInvoice(invoice: RetailInvoice, days: number): RetailInvoice {
  if (days === 0) return invoice;
  return {
    ...invoice,
    lines: invoice.lines.map((line) => ({ ...line, invoiceDate: shiftLocalDateTime(line.invoiceDate, days) })),
  };
}

/** The latest invoice-line date of a stream of invoices (`YYYY-MM-DD HH:MM:SS`), or null when empty. */
export async function lastInvoiceDate(invoices: AsyncIterable<RetailInvoice>): Promise<string | null> {
  let last: string | null = null;
  for await (const invoice of invoices) {
    for (const line of invoice.lines) if (last === null || line.invoiceDate > last) last = line.invoiceDate;
  }
  return last;
}

export async function* shiftInvoices(
  invoices: AsyncIterable<RetailInvoice>,
  days: number,
): AsyncGenerator<RetailInvoice> {
  for await (const invoice of invoices) yield shiftInvoice(invoice, days);
}
