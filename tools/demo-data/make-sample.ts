/**
 * Makes `online-retail-sample.csv.gz`: every line of 300 customers of the UCI Online Retail
 * data set, chosen deterministically, unchanged and in file order. Run with
 * `npm run demo-data:sample` (reads ../shared/data/online-retail/online_retail.csv.gz).
 *
 * Choice: customers are ordered by SHA-256 of `crm-demo-sample:<CustomerID>` (a fixed
 * pseudo-random order) and the first 300 with at most 300 lines are taken. The cap leaves out
 * the few wholesalers with thousands of lines so that the gzip stays under 300 KB; the hash order
 * spreads the chosen customers' invoices over the whole year.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openRetailFile, RETAIL_COLUMNS, readRetailRecords } from '../scripts/lib/online-retail';
import { summarizeRetailFile } from '../scripts/lib/retail-summary';

export const SAMPLE_SALT = 'crm-demo-sample';
export const SAMPLE_CUSTOMERS = 300;
export const MAX_LINES_PER_CUSTOMER = 300;
const MAX_SAMPLE_BYTES = 300 * 1024;

const repoRoot = resolve(__dirname, '../..');
const sourcePath = resolve(repoRoot, '../shared/data/online-retail/online_retail.csv.gz');
const samplePath = join(__dirname, 'online-retail-sample.csv.gz');

const rank = (customerId: string) => createHash('sha256').update(`${SAMPLE_SALT}:${customerId}`).digest('hex');

/** The customers of the sample, given each customer's number of lines. */
export function chooseCustomers(
  linesPerCustomer: Map<string, number>,
  count = SAMPLE_CUSTOMERS,
  maxLines = MAX_LINES_PER_CUSTOMER,
): Set<string> {
  const ranked = [...linesPerCustomer.entries()]
    .filter(([, lines]) => lines <= maxLines)
    .map(([id]) => ({ id, rank: rank(id) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return new Set(ranked.slice(0, count).map((c) => c.id));
}

async function countLinesPerCustomer(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for await (const { line } of readRetailRecords(openRetailFile(sourcePath))) {
    if (line.customerId === '') continue;
    counts.set(line.customerId, (counts.get(line.customerId) ?? 0) + 1);
  }
  return counts;
}

async function main(): Promise<void> {
  const counts = await countLinesPerCustomer();
  const chosen = chooseCustomers(counts);
  const parts = [`${RETAIL_COLUMNS.join(',')}\n`];
  for await (const { line, raw } of readRetailRecords(openRetailFile(sourcePath))) {
    if (chosen.has(line.customerId)) parts.push(raw);
  }
  const gz = gzipSync(parts.join(''), { level: 9 });
  if (gz.length > MAX_SAMPLE_BYTES) {
    throw new Error(`Sample is ${gz.length} bytes, over ${MAX_SAMPLE_BYTES}`);
  }
  writeFileSync(samplePath, gz);
  const summary = await summarizeRetailFile(openRetailFile(samplePath));
  console.log(`Wrote ${samplePath}`);
  console.log(`  ${gz.length} bytes, sha256 ${createHash('sha256').update(gz).digest('hex')}`);
  console.log(JSON.stringify(summary, null, 2));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
