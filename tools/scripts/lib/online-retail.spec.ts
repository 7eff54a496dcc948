import { Readable } from 'node:stream';
import {
  emptyGroupingStats,
  groupInvoices,
  readRetailLines,
  RETAIL_COLUMNS,
  type RetailInvoice,
} from './online-retail';

const csv = (...rows: string[]) => Readable.from([`${RETAIL_COLUMNS.join(',')}\n${rows.join('\n')}\n`]);

async function collect(input: Readable, window?: number) {
  const stats = emptyGroupingStats();
  const invoices: RetailInvoice[] = [];
  for await (const invoice of groupInvoices(readRetailLines(input), stats, window)) {
    invoices.push(invoice);
  }
  return { invoices, stats };
}

describe('Online Retail reading', () => {
  it('groups lines by invoice and skips lines without a customer', async () => {
    const { invoices, stats } = await collect(
      csv(
        '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom',
        '536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom',
        '536414,22139,,56,2010-12-01 11:52:00,0,,United Kingdom',
        '536366,22633,"HAND WARMER, UNION JACK",6,2010-12-01 08:28:00,1.85,17850,United Kingdom',
      ),
    );
    expect(invoices.map((i) => [i.invoiceNo, i.lines.length])).toEqual([
      ['536365', 2],
      ['536366', 1],
    ]);
    expect(invoices[1].lines[0].description).toBe('HAND WARMER, UNION JACK');
    expect(stats).toEqual({ lines: 4, linesWithoutCustomer: 1, invoices: 2, lateLines: 0 });
  });

  it('joins an invoice interrupted by another one within the window', async () => {
    const { invoices } = await collect(
      csv(
        '1,A,a,1,2011-02-01 11:20:00,1,10,UK',
        '2,B,b,1,2011-02-01 11:21:00,1,11,UK',
        '1,C,c,1,2011-02-01 11:20:00,1,10,UK',
      ),
      5,
    );
    expect(invoices.map((i) => i.lines.map((l) => l.stockCode))).toEqual([['A', 'C'], ['B']]);
  });

  it('counts lines of an invoice met again after it was emitted', async () => {
    const { stats } = await collect(
      csv(
        '1,A,a,1,2011-02-01 11:20:00,1,10,UK',
        '2,B,b,1,2011-02-01 11:21:00,1,11,UK',
        '3,B,b,1,2011-02-01 11:21:00,1,11,UK',
        '1,C,c,1,2011-02-01 11:20:00,1,10,UK',
      ),
      1,
    );
    expect(stats.lateLines).toBe(1);
  });

  it('rejects a file with other columns', async () => {
    const input = Readable.from(['a,b\n1,2\n']);
    await expect(collect(input)).rejects.toThrow(/Unexpected header/);
  });
});
