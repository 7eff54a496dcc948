/**
 * Analytics straight after a bulk load, before any statistics exist, and after ANALYZE, across
 * exchange-rate layouts (issue 9 §1). For each layout: a fresh database with autovacuum off on
 * every table (as on the embedded PGlite, which has none), one company of `BENCH_SALES` sales
 * generated and its rollups built, then every analytics endpoint asked once ("first answer",
 * never-analysed tables) and `BENCH_RUNS` times more; then `ANALYZE` and the same again.
 * Run with `npm run bench:analytics:fresh`; see README.md.
 */
import { AnswerCache, IndicatorsService, PRODUCT_FOLD_DAYS, RollupSource, TopClientsAnswers } from '@crm/api/analytics';
import { cpus, loadavg } from 'node:os';
import type { DataSource } from 'typeorm';
import { createBenchDatabase } from './database';
import { generateCompany, type GeneratedCompany, type RateLayout } from './generate';

const env = process.env;
const ADMIN_URL = env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = env['BENCH_DB'] ?? 'crm_bench_analytics_fresh';
const SALES = Number(env['BENCH_SALES'] ?? 1_000_000);
const RUNS = Number(env['BENCH_RUNS'] ?? 20);
const LAYOUTS = (env['BENCH_LAYOUTS'] ?? 'none,one-long-before,monthly,daily').split(',') as RateLayout[];
const DAYS = 1096;

const lastDays = (c: GeneratedCompany, days: number) => ({
  from: new Date(Date.parse(c.lastDay) - (days - 1) * 86_400_000).toISOString().slice(0, 10),
  to: c.lastDay,
});

/** Every endpoint of `analytics/*` the indicators answer; top clients are computed on every ask. */
const QUERIES: {
  name: string;
  run: (s: IndicatorsService, c: GeneratedCompany) => Promise<unknown>;
  /** Top clients by the period scan alone (before the whole-history bound), for comparison. */
  scan?: boolean;
  /**
   * When, against the background product fold that follows a load (RollupFolder.foldProducts):
   * 'unfolded' before it (every day computed from the items, as a read right after the load does),
   * 'folded' after it. Others: either, they do not read product cells.
   */
  products?: 'unfolded' | 'folded';
}[] = [
  { name: 'summary, 30 days', run: (s, c) => s.summary({ companyId: c.companyId }, lastDays(c, 30)) },
  {
    name: 'summary, 3 years',
    run: (s, c) => s.summary({ companyId: c.companyId }, { from: c.firstDay, to: c.lastDay }),
  },
  {
    name: 'timeseries monthly, 3 years',
    run: (s, c) => s.timeseries({ companyId: c.companyId }, { from: c.firstDay, to: c.lastDay, granularity: 'month' }),
  },
  {
    name: 'timeseries daily, 90 days, USD',
    run: (s, c) =>
      s.timeseries({ companyId: c.companyId }, { ...lastDays(c, 90), granularity: 'day', currency: 'USD' }),
  },
  {
    name: 'top-10 clients, 30 days',
    run: (s, c) => s.topClients({ companyId: c.companyId }, { ...lastDays(c, 30), limit: 10 }),
  },
  {
    name: 'top-10 clients, 3 years',
    run: (s, c) => s.topClients({ companyId: c.companyId }, { from: c.firstDay, to: c.lastDay, limit: 10 }),
  },
  { name: 'by status, 30 days', run: (s, c) => s.byStatus({ companyId: c.companyId }, lastDays(c, 30)) },
  {
    name: 'products, 30 days, unfolded',
    run: (s, c) => s.products({ companyId: c.companyId }, { ...lastDays(c, 30), limit: 10 }),
    products: 'unfolded',
  },
  {
    name: 'products, 30 days',
    run: (s, c) => s.products({ companyId: c.companyId }, { ...lastDays(c, 30), limit: 10 }),
    products: 'folded',
  },
  {
    name: 'products, 365 days',
    run: (s, c) => s.products({ companyId: c.companyId }, { ...lastDays(c, 365), limit: 10 }),
    products: 'folded',
  },
  {
    name: 'top-10 clients, 3 years, scan',
    run: (s, c) => s.topClients({ companyId: c.companyId }, { from: c.firstDay, to: c.lastDay, limit: 10 }),
    scan: true,
  },
  {
    name: 'top-10 clients, 365 days',
    run: (s, c) => s.topClients({ companyId: c.companyId }, { ...lastDays(c, 365), limit: 10 }),
  },
  {
    name: 'top-10 clients, 365 days, scan',
    run: (s, c) => s.topClients({ companyId: c.companyId }, { ...lastDays(c, 365), limit: 10 }),
    scan: true,
  },
];

interface Figures {
  first: number;
  p50: number;
  p95: number;
}

async function measure(
  services: { rollups: IndicatorsService; scan: IndicatorsService },
  c: GeneratedCompany,
  q: (typeof QUERIES)[number],
): Promise<Figures> {
  const service = q.scan ? services.scan : services.rollups;
  const time = async () => {
    const start = performance.now();
    await q.run(service, c);
    return performance.now() - start;
  };
  const first = await time();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await time());
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] ?? NaN;
  return { first, p50: at(0.5), p95: at(0.95) };
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0)).padStart(6);

async function neverAnalysed(ds: DataSource): Promise<string[]> {
  const rows = (await ds.query(
    `SELECT relname FROM pg_stat_user_tables
     WHERE (relname LIKE 'analytics_%' OR relname IN ('sales', 'exchange_rates')) AND n_live_tup > 0
       AND last_analyze IS NULL AND last_autoanalyze IS NULL ORDER BY 1`,
  )) as { relname: string }[];
  return rows.map((r) => r.relname);
}

async function main(): Promise<void> {
  console.log(
    `Analytics right after a ${SALES.toLocaleString('en')}-sale load, then after ANALYZE; ${RUNS} runs after the first`,
  );
  let worstFirst = 0;
  let worstP95 = 0;
  let worstServed = 0;
  for (const layout of LAYOUTS) {
    const db = await createBenchDatabase(ADMIN_URL, DB_NAME);
    const ds = db.dataSource;
    try {
      const tables = (await ds.query(
        `SELECT quote_ident(relname) AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`,
      )) as { name: string }[];
      for (const { name } of tables) await ds.query(`ALTER TABLE ${name} SET (autovacuum_enabled = off)`);
      let start = performance.now();
      const company = await generateCompany(ds, `Fresh ${layout}`, {
        sales: SALES,
        clients: Math.max(1000, Math.round(SALES / 10)),
        days: DAYS,
        itemsPerSale: 1,
        timeZone: 'Europe/Moscow',
        rates: layout,
      });
      await ds.query(`SELECT analytics_rebuild_company($1)`, [company.companyId]);
      const loaded = (performance.now() - start) / 1000;
      const unanalysed = await neverAnalysed(ds);
      console.log(
        `\nrates: ${layout} — loaded and rolled up in ${loaded.toFixed(0)} s; load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} on ${cpus().length} CPUs; never analysed: ${unanalysed.join(', ') || 'none'}`,
      );
      const service = {
        rollups: new IndicatorsService(ds, new RollupSource()),
        scan: new IndicatorsService(ds, new RollupSource({ longPeriodTotals: false })),
      };
      // As the API serves: answers kept while their data stands (top clients in the database,
      // the other routes in memory), so every ask after the first of a period is served again.
      const served = {
        rollups: new IndicatorsService(
          ds,
          new RollupSource(),
          undefined,
          new TopClientsAnswers(ds),
          undefined,
          new AnswerCache(),
        ),
        scan: service.scan,
      };
      const before = new Map<string, Figures>();
      for (const q of QUERIES.filter((x) => x.products !== 'folded'))
        before.set(q.name, await measure(service, company, q));
      // What the folder does in the background once the load is quiet, as it does it.
      start = performance.now();
      let productDays = 0;
      for (;;) {
        const [row] = (await ds.query(`SELECT analytics_fold_products($1, $2) AS n`, [
          company.companyId,
          PRODUCT_FOLD_DAYS,
        ])) as { n: number }[];
        productDays += Number(row.n);
        if (Number(row.n) < PRODUCT_FOLD_DAYS) break;
      }
      console.log(
        `  product days folded in the background after the load: ${productDays} in ${((performance.now() - start) / 1000).toFixed(1)} s (until then products are computed from the items: the "unfolded" row)`,
      );
      for (const q of QUERIES.filter((x) => x.products === 'folded'))
        before.set(q.name, await measure(service, company, q));
      start = performance.now();
      await ds.query('ANALYZE');
      const analysed = performance.now() - start;
      console.log(`  ANALYZE of the whole database: ${(analysed / 1000).toFixed(1)} s`);
      console.log(
        `  ${'query'.padEnd(32)}  no statistics: first    p50    p95 | after ANALYZE: first    p50    p95 | served again:    p50    p95  (ms)`,
      );
      for (const q of QUERIES) {
        const a = before.get(q.name) as Figures;
        // The unfolded products are only what a read meets before the background fold ends.
        const b = q.products === 'unfolded' ? undefined : await measure(service, company, q);
        // The "…, scan" rows are the comparison with what was done before, not what the API does.
        if (!q.scan) {
          worstFirst = Math.max(worstFirst, a.first, b?.first ?? 0);
          if (b) worstP95 = Math.max(worstP95, b.p95);
        }
        const dash = '—'.padStart(6);
        const after = b ? `${fmt(b.first)} ${fmt(b.p50)} ${fmt(b.p95)}` : `${dash} ${dash} ${dash}`;
        // Its first ask computes (and is not counted here); the others are served again.
        const c = b && !q.scan ? await measure(served, company, q) : undefined;
        if (c) worstServed = Math.max(worstServed, c.p95);
        console.log(
          `  ${q.name.padEnd(32)}  ${' '.repeat(14)}${fmt(a.first)} ${fmt(a.p50)} ${fmt(a.p95)} | ${' '.repeat(14)}${after} | ${' '.repeat(14)}${c ? `${fmt(c.p50)} ${fmt(c.p95)}` : `${dash} ${dash}`}`,
        );
      }
    } finally {
      await ds.destroy();
    }
  }
  console.log(
    `\nSlowest first answer as the API computes it (the scan rows left out) ${worstFirst.toFixed(0)} ms (target ≤ 1,000), slowest p95 after ANALYZE ${worstP95.toFixed(0)} ms computed on every ask, ${worstServed.toFixed(0)} ms as the API serves asks after the first (target ≤ 50)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
