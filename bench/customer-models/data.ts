/**
 * Loaders for the shared data sets (../shared/data relative to the repository root).
 */
import { createReadStream, existsSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { createGunzip } from 'zlib';
import { parse } from 'csv-parse';
import type { Basket, CustomerTransaction } from '@crm/api/analytics-models';

function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`No nx.json above ${start}`);
    }
    dir = parent;
  }
  return dir;
}

export const SHARED_DATA_DIR = resolve(findRepoRoot(__dirname), '../shared/data');

/** CDNOW_sample.txt: master id, sample id, YYYYMMDD, CDs, dollars (whitespace-separated). */
export function loadCdnowTransactions(): CustomerTransaction[] {
  return readFileSync(join(SHARED_DATA_DIR, 'cdnow/CDNOW_sample.txt'), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, sampleId, day, , dollars] = line.trim().split(/\s+/);
      return {
        customerId: String(Number(sampleId)),
        date: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`,
        amount: Number(dollars),
      };
    });
}

/** Stock codes that are not products (postage, fees, manual adjustments, samples…). */
const NON_PRODUCT_CODES = new Set(['POST', 'DOT', 'M', 'D', 'S', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'PADS', 'B']);

export function isProductCode(stockCode: string): boolean {
  const code = stockCode.trim().toUpperCase();
  return !NON_PRODUCT_CODES.has(code) && !code.startsWith('DCGSS');
}

/** Online Retail invoices as baskets, plus the most common description of each stock code. */
export interface RetailBaskets {
  rows: number;
  baskets: Basket[];
  descriptions: Map<string, string>;
}

/**
 * Streams online_retail.csv.gz. Each invoice is a basket of product stock codes; skipped are
 * cancellation invoices (`C…`), non-product codes, and lines with quantity ≤ 0 or price ≤ 0
 * (adjustments, not sales). Invoices without a CustomerID are kept (guest baskets, clientId '').
 */
export async function loadRetailBaskets(): Promise<RetailBaskets> {
  const parser = createReadStream(join(SHARED_DATA_DIR, 'online-retail/online_retail.csv.gz'))
    .pipe(createGunzip())
    .pipe(parse({ columns: true }));
  const byInvoice = new Map<string, { clientId: string; items: Set<string> }>();
  const descriptionCounts = new Map<string, Map<string, number>>();
  let rows = 0;
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    rows++;
    const invoice = record['InvoiceNo'];
    const stockCode = record['StockCode'].trim().toUpperCase();
    if (
      invoice.startsWith('C') ||
      !isProductCode(stockCode) ||
      !(Number(record['Quantity']) > 0) ||
      !(Number(record['UnitPrice']) > 0)
    ) {
      continue;
    }
    let basket = byInvoice.get(invoice);
    if (!basket) {
      basket = { clientId: record['CustomerID'], items: new Set() };
      byInvoice.set(invoice, basket);
    }
    basket.items.add(stockCode);
    const description = record['Description'].trim();
    if (description) {
      const counts = descriptionCounts.get(stockCode) ?? new Map<string, number>();
      counts.set(description, (counts.get(description) ?? 0) + 1);
      descriptionCounts.set(stockCode, counts);
    }
  }
  const descriptions = new Map<string, string>();
  for (const [code, counts] of descriptionCounts) {
    descriptions.set(code, [...counts].sort((x, y) => y[1] - x[1])[0][0]);
  }
  const baskets = [...byInvoice].map(([basketId, b]) => ({ basketId, clientId: b.clientId, items: [...b.items] }));
  return { rows, baskets, descriptions };
}
