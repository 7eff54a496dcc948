/**
 * `npm run seed:demo`: the demo company from the committed Online Retail sample, through the
 * public API at CRM_API_URL (default http://localhost:3000), its dates moved by whole weeks so that
 * the last sale is yesterday or a few days before (see lib/demo-dates.ts; CRM_DEMO_TODAY=YYYY-MM-DD
 * sets "today" for a reproducible load), then a week of deals and tasks on the default pipeline
 * (lib/demo-deals.ts). Safe to run again: within the same week every record comes
 * back `unchanged`; a week or more later the sales move forward again (`updated`, never duplicated).
 */
import { join } from 'node:path';
import { pushInvoices } from './lib/batch-pipeline';
import {
  DEMO_COMPANY_NAME,
  DEMO_COMPANY_SETTINGS,
  DEMO_LOGIN,
  DEMO_PASSWORD,
  ensureApiKey,
  ensureDemoAccount,
  ensureExchangeRates,
} from './lib/demo-company';
import { bestRecentBuyers, ensureDemoDeals } from './lib/demo-deals';
import { addLocalDays, demoShiftDays, lastInvoiceDate, localDate, shiftInvoices } from './lib/demo-dates';
import { CrmApi, waitForApi } from './lib/integration-api';
import { groupInvoices, openRetailFile, readRetailLines } from './lib/online-retail';
import { printTotals, runMain } from './lib/report';

export const SAMPLE_PATH = join(__dirname, '../demo-data/online-retail-sample.csv.gz');

async function main(): Promise<void> {
  const baseUrl = process.env['CRM_API_URL'] ?? 'http://localhost:3000';
  console.log(`Seeding the demo company at ${baseUrl}`);
  await waitForApi(baseUrl);
  const account = await ensureDemoAccount(new CrmApi(baseUrl));
  console.log(`  user ${DEMO_LOGIN} / ${DEMO_PASSWORD} (${account.registered ? 'registered' : 'existing'})`);
  console.log(
    `  company "${DEMO_COMPANY_NAME}" ${account.companyId} (${account.companyCreated ? 'created' : 'existing'})`,
  );
  const rates = await ensureExchangeRates(account);
  console.log(`  exchange rates: ${rates ? 'RUB, USD, EUR → GBP set' : 'no exchange-rates API, skipped'}`);
  const key = await ensureApiKey(account);

  const started = performance.now();
  const readInvoices = () => groupInvoices(readRetailLines(openRetailFile(SAMPLE_PATH)));
  const today = process.env['CRM_DEMO_TODAY'] || localDate(new Date(), DEMO_COMPANY_SETTINGS.timeZone);
  const last = (await lastInvoiceDate(readInvoices())) ?? today;
  const shift = demoShiftDays(last.slice(0, 10), addLocalDays(today, -1));
  console.log(`  dates moved by ${shift / 7} weeks: the last sale ${last.slice(0, 10)} → ${addLocalDays(last, shift)}`);
  const invoices = shiftInvoices(readInvoices(), shift);
  const totals = await pushInvoices(new CrmApi(baseUrl).withApiKey(key), invoices, { concurrency: 2 });
  printTotals(totals, (performance.now() - started) / 1000);
  const buyers = await bestRecentBuyers(shiftInvoices(readInvoices(), shift), addLocalDays(today, -1));
  const deals = await ensureDemoDeals(account, new CrmApi(baseUrl).withApiKey(key), buyers, today);
  console.log(deals > 0 ? `  ${deals} deals and their tasks added` : '  deals: already there');
  const changed = totals.clients.created + totals.clients.updated + totals.sales.created + totals.sales.updated;
  console.log(changed === 0 ? 'Nothing changed: the demo data were already loaded.' : 'Demo data loaded.');
  if (totals.clients.failed + totals.sales.failed > 0) process.exitCode = 1;
}

if (require.main === module) runMain(main);
