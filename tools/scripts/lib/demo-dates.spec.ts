import type { RetailInvoice } from './online-retail';
import {
  addLocalDays,
  demoShiftDays,
  lastInvoiceDate,
  localDate,
  shiftInvoice,
  shiftInvoices,
  shiftLocalDateTime,
} from './demo-dates';
import { toSale } from './online-retail-mapping';

const weekday = (date: string) => new Date(`${date.slice(0, 10)}T12:00:00Z`).getUTCDay();

function invoice(invoiceNo: string, invoiceDate: string): RetailInvoice {
  const line = {
    invoiceNo,
    stockCode: '85123A',
    description: 'WHITE HANGING HEART T-LIGHT HOLDER',
    quantity: 6,
    invoiceDate,
    unitPrice: '2.55',
    customerId: '17850',
    country: 'United Kingdom',
  };
  return { invoiceNo, customerId: '17850', country: 'United Kingdom', lines: [line] };
}

async function* stream(...items: RetailInvoice[]): AsyncGenerator<RetailInvoice> {
  yield* items;
}

describe('demoShiftDays', () => {
  it('moves the Online Retail sample (last sale Fri 2011-12-09) to the Friday before yesterday', () => {
    // Loaded on Wed 2026-12-02: yesterday is Tue 2026-12-01, the latest Friday not after it is 2026-11-27.
    const shift = demoShiftDays('2011-12-09', '2026-12-01');
    expect(shift % 7).toBe(0);
    expect(addLocalDays('2011-12-09', shift)).toBe('2026-11-27');
  });

  it('puts the last sale on yesterday when yesterday has its weekday', () => {
    expect(addLocalDays('2011-12-09', demoShiftDays('2011-12-09', '2026-12-04'))).toBe('2026-12-04');
  });

  it('lands the last sale within the week ending yesterday, on its weekday, whatever the day', () => {
    for (let d = 0; d < 400; d += 13) {
      const yesterday = addLocalDays('2026-01-01', d);
      const landed = addLocalDays('2011-12-09', demoShiftDays('2011-12-09', yesterday));
      expect(weekday(landed)).toBe(weekday('2011-12-09'));
      expect(landed <= yesterday).toBe(true);
      expect(landed > addLocalDays(yesterday, -7)).toBe(true);
    }
  });

  it('keeps seasons when loaded in December: the shift is within a few weeks of whole years', () => {
    const shift = demoShiftDays('2011-12-09', '2026-12-15');
    const fifteenYears = 365.2425 * 15;
    expect(Math.abs(shift - fifteenYears)).toBeLessThan(14);
    expect(addLocalDays('2011-11-15', shift).slice(5, 7)).toBe('11');
  });

  it('never moves data back: data ending yesterday or later stay put', () => {
    expect(demoShiftDays('2026-12-01', '2026-12-01')).toBe(0);
    expect(demoShiftDays('2027-01-01', '2026-12-01')).toBe(0);
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => demoShiftDays('09/12/2011', '2026-12-01')).toThrow(/Not a local date/);
  });
});

describe('localDate', () => {
  it('is the calendar day in the company time zone, not in UTC', () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST) and still 30 June in New York.
    const now = new Date('2026-06-30T23:30:00Z');
    expect(localDate(now, 'Europe/London')).toBe('2026-07-01');
    expect(localDate(now, 'America/New_York')).toBe('2026-06-30');
    expect(localDate(new Date('2026-12-01T23:30:00Z'), 'Europe/London')).toBe('2026-12-01');
  });
});

describe('shifting invoices', () => {
  it('keeps the wall-clock time and writes the offset of the new date (summer → winter)', () => {
    // 2011-06-10 is in British Summer Time (+01:00); 26 weeks later, 2011-12-09, is winter (+00:00).
    expect(shiftLocalDateTime('2011-06-10 10:15:00', 26 * 7)).toBe('2011-12-09 10:15:00');
    const sale = toSale(shiftInvoice(invoice('536365', '2011-06-10 10:15:00'), 26 * 7));
    expect(sale.soldAt).toBe('2011-12-09T10:15:00+00:00');
    expect(sale.externalId).toBe('536365');
    expect(sale.amount).toBe('15.30');
  });

  it('moves every invoice of a stream by the same days, in order, and finds the last date', async () => {
    const items = [
      invoice('1', '2010-12-01 08:26:00'),
      invoice('2', '2011-12-09 12:50:00'),
      invoice('3', '2011-03-01 09:00:00'),
    ];
    expect(await lastInvoiceDate(stream(...items))).toBe('2011-12-09 12:50:00');
    const moved: RetailInvoice[] = [];
    for await (const item of shiftInvoices(stream(...items), 7)) moved.push(item);
    expect(moved.map((i) => i.lines[0].invoiceDate)).toEqual([
      '2010-12-08 08:26:00',
      '2011-12-16 12:50:00',
      '2011-03-08 09:00:00',
    ]);
    expect(items[0].lines[0].invoiceDate).toBe('2010-12-01 08:26:00');
  });

  it('has no last date for an empty stream', async () => {
    expect(await lastInvoiceDate(stream())).toBeNull();
  });
});
