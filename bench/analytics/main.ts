/**
 * Analytics latency at 100k, 1M (and optionally 10M) sales on a real PostgreSQL, through the same
 * service code the API runs (`IndicatorsService`), with the rollups (`RollupSource`) and without
 * (`PlainSource`, aggregating `sales`); plus the ingest cost of the rollup triggers through the
 * real batch write path (`SalesWriter`). Run with `npm run bench:analytics`; see README.md.
 */
import { IndicatorsService, PlainSource, PRODUCT_FOLD_DAYS, RollupSource, TopClientsAnswers } from '@crm/api/analytics';
import { SaleChangeHooks } from '@crm/api/core';
import { SalesWriter } from '@crm/api/sales';
import { TenantDatabase } from '@crm/api/core';
import { cpus, loadavg } from 'node:os';
import type { DataSource } from 'typeorm';
import { createBenchDatabase } from './database';
import { generateCompany, type GeneratedCompany } from './generate';

const env = process.env;
const ADMIN_URL = env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = env['BENCH_DB'] ?? 'crm_bench_analytics';
const SIZES = (env['BENCH_SIZES'] ?? '100000,1000000').split(',').map(Number);
if (env['BENCH_10M'] === '1' && !SIZES.includes(10_000_000)) SIZES.push(10_000_000);
const RUNS = Number(env['BENCH_RUNS'] ?? 60);
const PLAIN_RUNS = Number(env['BENCH_PLAIN_RUNS'] ?? 5);
const DAYS = 1096;

interface Query {
  name: string;
  /** Computed every time: the API's path when no kept answer holds the period (see below). */
  recomputed?: boolean;
  run: (s: IndicatorsService, company: GeneratedCompany) => Promise<unknown>;
}

const lastDays = (c: GeneratedCompany, days: number) => ({
  from: new Date(Date.parse(c.lastDay) - (days - 1) * 86_400_000).toISOString().slice(0, 10),
  to: c.lastDay,
});

const QUERIES: Query[] = [
  {
    name: 'summary, last 30 days (+ previous 30)',
    run: (s, c) => s.summary({ companyId: c.companyId }, lastDays(c, 30)),
  },
  {
    name: 'summary, last 365 days (+ previous 365)',
    run: (s, c) => s.summary({ companyId: c.companyId }, lastDays(c, 365)),
  },
  {
    name: 'timeseries monthly, 3 years',
    run: (s, c) => s.timeseries({ companyId: c.companyId }, { from: c.firstDay, to: c.lastDay, granularity: 'month' }),
  },
  {
    name: 'timeseries daily, 90 days, in USD',
    run: (s, c) =>
      s.timeseries({ companyId: c.companyId }, { ...lastDays(c, 90), granularity: 'day', currency: 'USD' }),
  },
  {
    name: 'top-10 clients, last 30 days',
    run: (s, c) => s.topClients({ companyId: c.companyId }, { ...lastDays(c, 30), limit: 10 }),
  },
  {
    name: 'top-10 clients, last 365 days',
    run: (s, c) => s.topClients({ companyId: c.companyId }, { ...lastDays(c, 365), limit: 10 }),
  },
  {
    name: 'top-10 clients, 30 days, recomputed',
    recomputed: true,
    run: (s, c) => s.topClients({ companyId: c.companyId }, { ...lastDays(c, 30), limit: 10 }),
  },
  {
    name: 'top-10 clients, 365 days, recomputed',
    recomputed: true,
    run: (s, c) => s.topClients({ companyId: c.companyId }, { ...lastDays(c, 365), limit: 10 }),
  },
  { name: 'by status, last 30 days', run: (s, c) => s.byStatus({ companyId: c.companyId }, lastDays(c, 30)) },
  {
    name: 'products, last 30 days',
    run: (s, c) => s.products({ companyId: c.companyId }, { ...lastDays(c, 30), limit: 10 }),
  },
];

interface Figures {
  p50: number;
  p95: number;
}

async function measure(
  service: IndicatorsService,
  company: GeneratedCompany,
  q: Query,
  runs: number,
): Promise<Figures> {
  for (let i = 0; i < Math.min(3, runs); i++) await q.run(service, company);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await q.run(service, company);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)];
  return { p50: at(0.5), p95: at(0.95) };
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0)).padStart(6);

/**
 * Time of batches of 5,000 new sales with one item each through `SalesWriter`: with every analytics
 * trigger, without the product log's (`sales_products_insert`, `sale_items_products_insert`), and
 * without any.
 */
async function ingestCost(
  ds: DataSource,
  company: GeneratedCompany,
): Promise<{ withTriggers: number; withoutProducts: number; without: number }> {
  const writer = new SalesWriter(new TenantDatabase(ds), new SaleChangeHooks());
  const scope = { companyId: company.companyId };
  const clients = (await ds.query(`SELECT external_id FROM clients WHERE company_id = $1 LIMIT 5000`, [
    company.companyId,
  ])) as {
    external_id: string;
  }[];
  let serial = 0;
  const batch = () =>
    clients.map((c, i) => ({
      externalId: `bench-${serial}-${i}`,
      clientExternalId: c.external_id,
      amount: String(100 + (i % 900)),
      currency: i % 5 === 0 ? 'USD' : 'RUB',
      soldAt: new Date(Date.parse(company.lastDay) - (i % 30) * 86_400_000).toISOString(),
      status: i % 7 === 0 ? 'pending' : 'paid',
      items: [{ sku: `SKU-${i % 50}`, name: `Товар ${i % 50}`, quantity: '1', unitPrice: String(100 + (i % 900)) }],
    }));
  const time = async () => {
    const runs: number[] = [];
    for (let r = 0; r < 5; r++) {
      serial += 1;
      const items = batch();
      const start = performance.now();
      const result = await writer.upsertBatch(scope, items);
      runs.push(performance.now() - start);
      if (result.created !== items.length) throw new Error(`batch stored ${result.created} of ${items.length}`);
    }
    return runs.sort((a, b) => a - b)[2];
  };
  const products = [
    ['sales', 'sales_products_insert'],
    ['sale_items', 'sale_items_products_insert'],
  ];
  const withTriggers = await time();
  for (const [table, trigger] of products) await ds.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
  const withoutProducts = await time();
  await ds.query(`ALTER TABLE sales DISABLE TRIGGER sales_analytics_insert`);
  const without = await time();
  await ds.query(`ALTER TABLE sales ENABLE TRIGGER sales_analytics_insert`);
  for (const [table, trigger] of products) await ds.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
  await ds.query(`SELECT analytics_rebuild_company($1)`, [company.companyId]);
  await ds.query(`DELETE FROM sales WHERE company_id = $1 AND external_id LIKE 'bench-%'`, [company.companyId]);
  return { withTriggers, withoutProducts, without };
}

async function main(): Promise<void> {
  console.log(`Analytics benchmark on ${ADMIN_URL.replace(/\/[^/]*$/, '/')}${DB_NAME} (fresh), ${RUNS} runs per query`);
  const db = await createBenchDatabase(ADMIN_URL, DB_NAME);
  const ds = db.dataSource;
  // What the API runs: rollups, and top-client answers kept until the data under them changes.
  const rollups = new IndicatorsService(ds, new RollupSource(), undefined, new TopClientsAnswers(ds));
  // The same without kept answers: what the first ask of a period, or the next after a change in it, costs.
  const recomputing = new IndicatorsService(ds, new RollupSource());
  const plain = new IndicatorsService(ds, new PlainSource());
  const results = new Map<number, Map<string, Figures>>();
  const companies: [number, GeneratedCompany][] = [];

  for (const sales of SIZES) {
    const clients = Math.max(1000, Math.round(sales / 10));
    let start = performance.now();
    const company = await generateCompany(ds, `Bench ${sales}`, {
      sales,
      clients,
      days: DAYS,
      itemsPerSale: sales <= 1_000_000 ? 1 : 0,
      timeZone: 'Europe/Moscow',
    });
    const generated = performance.now() - start;
    start = performance.now();
    await ds.query(`SELECT analytics_rebuild_company($1)`, [company.companyId]);
    // The product days, as the folder recomputes them in the background after a load.
    for (;;) {
      const [row] = (await ds.query(`SELECT analytics_fold_products($1, $2) AS n`, [
        company.companyId,
        PRODUCT_FOLD_DAYS,
      ])) as { n: number }[];
      if (Number(row.n) < PRODUCT_FOLD_DAYS) break;
    }
    const rebuilt = performance.now() - start;
    await ds.query(`VACUUM ANALYZE`);
    companies.push([sales, company]);
    console.log(
      `\n${sales.toLocaleString('en')} sales, ${clients.toLocaleString('en')} clients, ${DAYS} days to ${company.lastDay}: ` +
        `generated in ${(generated / 1000).toFixed(0)} s, rollups rebuilt in ${(rebuilt / 1000).toFixed(1)} s`,
    );
    const sizes = (await ds.query(
      `SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE relname LIKE 'analytics_%' ORDER BY relname`,
    )) as { relname: string; n_live_tup: string }[];
    console.log(`  rollup rows (all companies so far): ${sizes.map((r) => `${r.relname} ${r.n_live_tup}`).join(', ')}`);
    const figures = new Map<string, Figures>();
    console.log(
      `  load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} CPUs`,
    );
    console.log(`  ${'query'.padEnd(42)}  rollups p50    p95 | plain p50    p95   (ms)`);
    for (const q of QUERIES) {
      const withRollups = await measure(q.recomputed ? recomputing : rollups, company, q, RUNS);
      figures.set(q.name, withRollups);
      const plainFigures =
        PLAIN_RUNS > 0 && sales <= 1_000_000 && !q.recomputed ? await measure(plain, company, q, PLAIN_RUNS) : null;
      console.log(
        `  ${q.name.padEnd(42)}  ${fmt(withRollups.p50)} ${fmt(withRollups.p95)}    | ` +
          (plainFigures ? `${fmt(plainFigures.p50)} ${fmt(plainFigures.p95)}` : '     —      —'),
      );
    }
    results.set(sales, figures);
    const cost = await ingestCost(ds, company);
    console.log(
      `  ingest, 5,000 new sales with an item each per batch through SalesWriter (median of 5): ` +
        `${cost.withTriggers.toFixed(0)} ms with the analytics triggers, ${cost.withoutProducts.toFixed(0)} ms without the ` +
        `product log's (+${(100 * (cost.withTriggers / cost.withoutProducts - 1)).toFixed(0)}%), ` +
        `${cost.without.toFixed(0)} ms without any (+${(100 * (cost.withTriggers / cost.without - 1)).toFixed(0)}%)`,
    );
  }

  const [small, large] = [1_000_000, 10_000_000].map((n) => results.get(n));
  if (small && large) {
    console.log(`\nGrowth 10M / 1M (rollups, p95):`);
    for (const q of QUERIES) {
      const a = small.get(q.name) as Figures;
      const b = large.get(q.name) as Figures;
      console.log(`  ${q.name.padEnd(42)}  ${(b.p95 / a.p95).toFixed(2)}×  (p50 ${(b.p50 / a.p50).toFixed(2)}×)`);
    }
    const oneMillion = companies.find(([n]) => n === 1_000_000)?.[1];
    if (oneMillion) {
      console.log(`\n1M company again, with the 10M company in the same tables (rollups p50 / p95, ms):`);
      for (const q of QUERIES) {
        const f = await measure(q.recomputed ? recomputing : rollups, oneMillion, q, RUNS);
        console.log(`  ${q.name.padEnd(42)}  ${fmt(f.p50)} ${fmt(f.p95)}`);
      }
    }
  }
  await ds.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
