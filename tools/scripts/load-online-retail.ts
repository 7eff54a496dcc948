/**
 * `npm run load:online-retail`: streams the FULL UCI Online Retail file (541,909 lines) from
 * ../shared/data/online-retail/ through the integration API into the demo company, with a few
 * batches in flight, printing progress and records/s. Options (environment):
 *   CRM_API_URL            default http://localhost:3000
 *   ONLINE_RETAIL_FILE     default ../shared/data/online-retail/online_retail.csv.gz (from the repo root)
 *   LOAD_CONCURRENCY       sales requests in flight, default 3
 *   LOAD_BATCH_SIZE        sales per request, default 5000 (the API's maximum)
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type PushTotals, pushInvoices } from './lib/batch-pipeline';
import { ensureApiKey, ensureDemoAccount, ensureExchangeRates } from './lib/demo-company';
import { CrmApi, waitForApi } from './lib/integration-api';
import { emptyGroupingStats, groupInvoices, openRetailFile, readRetailLines } from './lib/online-retail';
import { formatCounts, printTotals, runMain } from './lib/report';

const REPO_ROOT = resolve(__dirname, '../..');
const DEFAULT_FILE = resolve(REPO_ROOT, '../shared/data/online-retail/online_retail.csv.gz');

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const file = process.env['ONLINE_RETAIL_FILE'] ?? DEFAULT_FILE;
  if (!existsSync(file)) {
    throw new Error(
      `The full Online Retail file is not here: ${file}\n` +
        'It lives in ../shared/data/online-retail/ next to the repository (see tools/demo-data/README.md);\n' +
        'set ONLINE_RETAIL_FILE to another copy, or use `npm run seed:demo` for the committed sample.',
    );
  }
  const baseUrl = process.env['CRM_API_URL'] ?? 'http://localhost:3000';
  const concurrency = positiveInt('LOAD_CONCURRENCY', 3);
  const salesPerBatch = positiveInt('LOAD_BATCH_SIZE', 5000);
  await waitForApi(baseUrl);
  const account = await ensureDemoAccount(new CrmApi(baseUrl));
  await ensureExchangeRates(account);
  const key = await ensureApiKey(account);
  console.log(`Loading ${file}\n  into company ${account.companyId} at ${baseUrl}, ${concurrency} requests in flight`);

  const started = performance.now();
  const stats = emptyGroupingStats();
  const progress = (totals: PushTotals) => {
    const seconds = (performance.now() - started) / 1000;
    const sales = totals.sales.created + totals.sales.updated + totals.sales.unchanged + totals.sales.failed;
    console.log(
      `  ${stats.lines.toLocaleString('en-US')} lines read, ${sales.toLocaleString('en-US')} sales stored ` +
        `(${formatCounts(totals.sales)}), ${Math.round(stats.lines / seconds).toLocaleString('en-US')} lines/s`,
    );
  };
  const invoices = groupInvoices(readRetailLines(openRetailFile(file)), stats);
  const totals = await pushInvoices(new CrmApi(baseUrl).withApiKey(key), invoices, {
    concurrency,
    salesPerBatch,
    onBatch: progress,
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Done: ${stats.lines.toLocaleString('en-US')} lines, ${stats.linesWithoutCustomer.toLocaleString('en-US')} ` +
      `without CustomerID skipped, ${stats.invoices.toLocaleString('en-US')} invoices` +
      (stats.lateLines > 0 ? `, ${stats.lateLines} late lines ignored` : ''),
  );
  printTotals(totals, seconds);
  console.log(`  ${Math.round(stats.lines / seconds).toLocaleString('en-US')} file lines/s overall`);
  if (totals.clients.failed + totals.sales.failed > 0) process.exitCode = 1;
}

if (require.main === module) runMain(main);
