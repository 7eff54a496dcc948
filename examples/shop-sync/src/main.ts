// Pushes a shop's customers and orders to the CRM through the typed API client.
//
//   CRM_API_URL=https://crm.example.com CRM_API_KEY=crm_... npm run example:shop-sync -- shop.json
//
// Prints a line per batch on stderr and the report as JSON on stdout. Exit code 0 when everything
// was stored, 2 when the API refused some records (listed in the report), 1 when a request failed.
import { readFileSync } from 'node:fs';
import { createCrmClient } from '@crm/api-client';
import { type ShopExport, SyncError, syncShop } from './shop-sync';

async function main(): Promise<number> {
  const file = process.argv[2];
  const apiKey = process.env['CRM_API_KEY'];
  if (!file || !apiKey) {
    console.error('usage: CRM_API_URL=... CRM_API_KEY=... shop-sync <shop.json> (CRM_BATCH_SIZE=1000)');
    return 1;
  }
  const client = createCrmClient({ baseUrl: process.env['CRM_API_URL'] ?? 'http://localhost:3000', apiKey });
  const company = await client.GET('/api/v1/company');
  if (!company.data) {
    console.error(`the API key was not accepted (${company.response.status})`);
    return 1;
  }
  console.error(`syncing into "${company.data.name}"`);
  const shop = JSON.parse(readFileSync(file, 'utf8')) as ShopExport;
  try {
    const report = await syncShop(client, shop, {
      batchSize: Number(process.env['CRM_BATCH_SIZE'] ?? 1000),
      log: (line) => console.error(line),
    });
    console.log(JSON.stringify(report, null, 2));
    return report.clients.failed.length + report.sales.failed.length + report.sales.skipped.length > 0 ? 2 : 0;
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    console.error(`stopped: ${error.message}`);
    return 1;
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
