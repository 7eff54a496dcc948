/**
 * Reading the UCI Online Retail file (the full `online_retail.csv.gz` or the committed sample,
 * same columns) as a stream of invoice lines, and grouping those lines into invoices.
 */
import { parse } from 'csv-parse';
import { createReadStream, existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export const RETAIL_COLUMNS = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
] as const;

/** One row of the file, fields as written (trimmed of nothing). */
export interface RetailLine {
  invoiceNo: string;
  stockCode: string;
  description: string;
  quantity: number;
  /** `YYYY-MM-DD HH:MM:SS`, UK local time. */
  invoiceDate: string;
  unitPrice: string;
  /** Empty for guest customers. */
  customerId: string;
  country: string;
}

/** The lines of one invoice number, in file order. */
export interface RetailInvoice {
  invoiceNo: string;
  customerId: string;
  country: string;
  lines: RetailLine[];
}

/** Opens a `.csv` or `.csv.gz` file as a text stream; a clear error when it is missing. */
export function openRetailFile(path: string): Readable {
  if (!existsSync(path)) throw new Error(`File not found: ${path}`);
  const file = createReadStream(path);
  return path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
}

function checkHeader(header: string[]): void {
  const expected = RETAIL_COLUMNS.join(',');
  if (header.join(',') !== expected) {
    throw new Error(`Unexpected header "${header.join(',')}", expected "${expected}"`);
  }
}

function toLine(fields: string[], lineNo: number): RetailLine {
  const quantity = Number(fields[3]);
  if (!Number.isInteger(quantity)) {
    throw new Error(`Line ${lineNo}: Quantity "${fields[3]}" is not an integer`);
  }
  return {
    invoiceNo: fields[0],
    stockCode: fields[1],
    description: fields[2],
    quantity,
    invoiceDate: fields[4],
    unitPrice: fields[5],
    customerId: fields[6],
    country: fields[7],
  };
}

/** Every data line of the file with its raw CSV text (`raw` ends with its newline). */
export async function* readRetailRecords(input: Readable): AsyncGenerator<{ line: RetailLine; raw: string }> {
  const parser = input.pipe(parse({ raw: true, relax_column_count: false }));
  let lineNo = 0;
  for await (const { record, raw } of parser as AsyncIterable<{
    record: string[];
    raw: string;
  }>) {
    lineNo++;
    if (lineNo === 1) {
      checkHeader(record);
      continue;
    }
    yield { line: toLine(record, lineNo), raw };
  }
}

export async function* readRetailLines(input: Readable): AsyncGenerator<RetailLine> {
  for await (const { line } of readRetailRecords(input)) yield line;
}

export interface GroupingStats {
  lines: number;
  linesWithoutCustomer: number;
  invoices: number;
  /** Invoice numbers met again after their invoice had been emitted (should be 0). */
  lateLines: number;
}

/**
 * Groups lines into invoices. The file keeps an invoice's lines together with rare exceptions
 * (invoice 542806 is interrupted by 6 lines of another invoice), so an invoice is emitted only
 * once `window` later invoices have started. Lines without a CustomerID are skipped. Memory is
 * bounded by the window, not the file.
 */
export async function* groupInvoices(
  lines: AsyncIterable<RetailLine>,
  stats: GroupingStats = emptyGroupingStats(),
  window = 50,
): AsyncGenerator<RetailInvoice> {
  const open = new Map<string, RetailInvoice>();
  const emitted = new Set<string>();
  for await (const line of lines) {
    stats.lines++;
    if (line.customerId === '') {
      stats.linesWithoutCustomer++;
      continue;
    }
    if (emitted.has(line.invoiceNo)) {
      stats.lateLines++;
      continue;
    }
    const invoice = open.get(line.invoiceNo);
    if (invoice) {
      invoice.lines.push(line);
      continue;
    }
    open.set(line.invoiceNo, {
      invoiceNo: line.invoiceNo,
      customerId: line.customerId,
      country: line.country,
      lines: [line],
    });
    while (open.size > window) {
      const [oldestNo, oldest] = open.entries().next().value as [string, RetailInvoice];
      open.delete(oldestNo);
      emitted.add(oldestNo);
      stats.invoices++;
      yield oldest;
    }
  }
  for (const invoice of open.values()) {
    stats.invoices++;
    yield invoice;
  }
}

export function emptyGroupingStats(): GroupingStats {
  return { lines: 0, linesWithoutCustomer: 0, invoices: 0, lateLines: 0 };
}
