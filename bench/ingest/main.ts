/**
 * Ingest benchmark: BENCH_SALES sales (default 1,000,000) with their clients through the
 * integration API into a fresh PostgreSQL database, against COPY of the same rows into the same
 * tables, plus the API path on the embedded database (PGlite). `npm run bench:ingest`; see README.md.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { clientBodies, createApiKey, type PhaseResult, pushBodies, registerTenant, saleBodies } from './api-path';
import { type BenchConfig, loadBenchConfig } from './config';
import { CLIENT_COLUMNS, ITEM_COLUMNS, SALE_COLUMNS, timedCopy, writeCopyFiles } from './copy-path';
import { databaseUrl, recreateDatabase, withClient } from './postgres';
import { machineCpuSeconds, postgresCpuSeconds, processCpuSeconds, startApi } from './processes';
import { printProfile, readLatestProfile, summarizeProfile } from './profile';
import { logSize, logStatementDurations, printStatementTimes, type StatementTime, statementTimes } from './sql-log';

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const API_ENV = { INTEGRATION_RATE_LIMIT: '1000000', AUTH_RATE_LIMIT: '1000', NODE_ENV: 'development' };

interface CpuUse {
  apiSeconds: number;
  postgresSeconds: number;
  machineBusy: number;
  machineCores: number;
}

interface PostgresRun {
  copyClientsSeconds: number;
  copySalesSeconds: number;
  /** Folding the COPY company's logged changes into the analytics rollups, after the COPY. */
  copyFoldSeconds: number;
  /** Folding what the API company still had pending when its last batch was answered. */
  apiFoldSeconds: number;
  itemRows: number;
  apiClients: PhaseResult;
  apiSales: PhaseResult;
  cpu: CpuUse;
  /** With BENCH_PROFILE=1: logged SQL durations of the API sales run. */
  sql?: StatementTime[];
}

const checkpoint = (url: string) => withClient(url, (c) => c.query('CHECKPOINT'));

/**
 * Folds a company's logged sales changes into the analytics rollups (what the API's RollupFolder
 * does after an ingest, and before any analytics read) and returns the seconds it took.
 */
async function timedFold(url: string, companyId: string): Promise<number> {
  const started = performance.now();
  await withClient(url, async (c) => {
    for (;;) {
      const { rows } = await c.query<{ n: number }>('SELECT analytics_fold_company($1, 50000) AS n', [companyId]);
      if (Number(rows[0]?.n ?? 0) < 50_000) return;
    }
  });
  return (performance.now() - started) / 1000;
}

function cpuSnapshot(apiPid: number) {
  return { api: processCpuSeconds(apiPid), postgres: postgresCpuSeconds(), machine: machineCpuSeconds() };
}

function cpuUse(
  before: ReturnType<typeof cpuSnapshot>,
  after: ReturnType<typeof cpuSnapshot>,
  seconds: number,
): CpuUse {
  const machineTotal = after.machine.total - before.machine.total;
  return {
    apiSeconds: after.api - before.api,
    postgresSeconds: after.postgres - before.postgres,
    machineBusy: after.machine.busy - before.machine.busy,
    machineCores: machineTotal / seconds,
  };
}

/** Both companies must hold the same sales and items: the two paths stored the same rows. */
async function assertSameRows(url: string, a: string, b: string): Promise<void> {
  const sql = `SELECT (SELECT count(*) FROM sales WHERE company_id = $1)::text AS sales,
                      (SELECT sum(amount) FROM sales WHERE company_id = $1)::text AS amount,
                      (SELECT count(*) FROM sale_items WHERE company_id = $1)::text AS items,
                      (SELECT sum(quantity * unit_price) FROM sale_items WHERE company_id = $1)::text AS value`;
  const [left, right] = await withClient(url, async (c) => [
    (await c.query(sql, [a])).rows[0],
    (await c.query(sql, [b])).rows[0],
  ]);
  if (JSON.stringify(left) !== JSON.stringify(right)) {
    throw new Error(`COPY and API stored different rows: ${JSON.stringify(left)} vs ${JSON.stringify(right)}`);
  }
  console.log(
    `  check: both companies hold ${n(Number(left.sales))} sales and ${n(Number(left.items))} items, Σ amount ${left.amount}`,
  );
}

async function runPostgres(config: BenchConfig): Promise<PostgresRun> {
  console.log(`\n[PostgreSQL] fresh database ${config.database}`);
  await recreateDatabase(config.postgresUrl, config.database);
  const url = databaseUrl(config.postgresUrl, config.database);
  if (config.profile) await logStatementDurations(databaseUrl(config.postgresUrl, 'postgres'), config.database);
  const profileDir = join(config.workDir, 'profile');
  const api = await startApi(
    config.apiMain,
    { ...API_ENV, DATABASE_URL: url, CRM_DATA_DIR: join(config.workDir, 'api-data') },
    config.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  );
  try {
    const copyTenant = await registerTenant(api.url, 'copy');
    console.log('  writing CSV files for COPY ...');
    const files = writeCopyFiles(
      config.workDir,
      copyTenant.companyId,
      config.clients,
      config.sales,
      config.maxItemsPerSale,
    );
    await checkpoint(url);
    const copyClientsSeconds = await timedCopy(url, 'clients', CLIENT_COLUMNS, files.clients);
    console.log(`  COPY clients: ${n(config.clients)} in ${copyClientsSeconds.toFixed(1)} s`);
    await checkpoint(url);
    const copySalesOnly = await timedCopy(url, 'sales', SALE_COLUMNS, files.sales);
    const copyItems = await timedCopy(url, 'sale_items', ITEM_COLUMNS, files.items);
    const copySalesSeconds = copySalesOnly + copyItems;
    console.log(
      `  COPY sales: ${n(config.sales)} in ${copySalesOnly.toFixed(1)} s + ${n(files.itemRows)} items in ${copyItems.toFixed(1)} s` +
        ` → ${n(config.sales / copySalesSeconds)} sales/s`,
    );
    const copyFoldSeconds = await timedFold(url, copyTenant.companyId);
    console.log(`  analytics rollups caught up with the COPY in ${copyFoldSeconds.toFixed(1)} s`);

    const apiTenant = await registerTenant(api.url, 'api');
    const key = await createApiKey(api.url, apiTenant);
    console.log('  serialising API batches ...');
    const clients = clientBodies(config.clients, config.batchSize);
    const sales = saleBodies(config.sales, config.clients, config.maxItemsPerSale, config.batchSize);
    await checkpoint(url);
    const apiClients = await pushBodies(api.url, key, 'clients', clients, config.clients, config.concurrency);
    console.log(`  API clients: ${n(config.clients)} in ${apiClients.seconds.toFixed(1)} s`);
    await checkpoint(url);
    const before = cpuSnapshot(api.pid);
    const logOffset = logSize(config.serverLog);
    const apiSales = await pushBodies(api.url, key, 'sales', sales, config.sales, config.concurrency);
    const cpu = cpuUse(before, cpuSnapshot(api.pid), apiSales.seconds);
    const sql = config.profile ? statementTimes(config.serverLog, logOffset, config.database) : undefined;
    console.log(
      `  API sales: ${n(config.sales)} in ${apiSales.seconds.toFixed(1)} s → ${n(config.sales / apiSales.seconds)} sales/s`,
    );
    const apiFoldSeconds = await timedFold(url, apiTenant.companyId);
    console.log(`  analytics rollups caught up with the API ${apiFoldSeconds.toFixed(1)} s after its last answer`);
    await assertSameRows(url, copyTenant.companyId, apiTenant.companyId);
    if (sql) printStatementTimes(sql, apiSales.seconds);
    return {
      copyClientsSeconds,
      copySalesSeconds,
      copyFoldSeconds,
      apiFoldSeconds,
      itemRows: files.itemRows,
      apiClients,
      apiSales,
      cpu,
      sql,
    };
  } finally {
    await api.stop();
    if (config.profile) printProfile(summarizeProfile(readLatestProfile(profileDir)));
  }
}

async function runPglite(config: BenchConfig): Promise<{ clients: PhaseResult; sales: PhaseResult }> {
  const salesCount = config.pgliteSales;
  const clientCount = Math.max(1, Math.round((salesCount * config.clients) / config.sales));
  console.log(`\n[PGlite] embedded database, ${n(salesCount)} sales, ${n(clientCount)} clients, 1 request at a time`);
  const dataDir = join(config.workDir, 'pglite');
  rmSync(dataDir, { recursive: true, force: true });
  const api = await startApi(config.apiMain, { ...API_ENV, DATABASE_URL: '', CRM_DATA_DIR: dataDir });
  try {
    const tenant = await registerTenant(api.url, 'pglite');
    const key = await createApiKey(api.url, tenant);
    const clientBatches = clientBodies(clientCount, config.batchSize);
    const saleBatches = saleBodies(salesCount, clientCount, config.maxItemsPerSale, config.batchSize);
    const clients = await pushBodies(api.url, key, 'clients', clientBatches, clientCount, 1);
    const sales = await pushBodies(api.url, key, 'sales', saleBatches, salesCount, 1);
    console.log(
      `  API sales: ${n(salesCount)} in ${sales.seconds.toFixed(1)} s → ${n(salesCount / sales.seconds)} sales/s`,
    );
    return { clients, sales };
  } finally {
    await api.stop();
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
};

function report(config: BenchConfig, pg: PostgresRun, lite?: { clients: PhaseResult; sales: PhaseResult }): void {
  const [one, five, fifteen] = loadavg().map((v) => v.toFixed(1));
  const copyRate = config.sales / pg.copySalesSeconds;
  const apiRate = config.sales / pg.apiSales.seconds;
  const ratio = apiRate / copyRate;
  const row = (what: string, records: number, seconds: number) =>
    `  ${what.padEnd(48)} ${n(records).padStart(10)} ${seconds.toFixed(1).padStart(8)} s ${n(records / seconds).padStart(9)}/s`;
  console.log(`\nResults (${n(config.sales)} sales with ${n(pg.itemRows)} items, ${n(config.clients)} clients)`);
  console.log(row('PostgreSQL COPY clients (psql \\copy)', config.clients, pg.copyClientsSeconds));
  console.log(row('PostgreSQL API  clients (/api/v1/clients/batch)', config.clients, pg.apiClients.seconds));
  console.log(row('PostgreSQL COPY sales + items (psql \\copy)', config.sales, pg.copySalesSeconds));
  console.log(
    row(
      `PostgreSQL API  sales (/api/v1/sales/batch, ${config.concurrency} in flight)`,
      config.sales,
      pg.apiSales.seconds,
    ),
  );
  if (lite) console.log(row('PGlite     API  sales (1 in flight)', lite.sales.records, lite.sales.seconds));
  console.log(`\n  API / COPY ratio: ${ratio.toFixed(2)} (target ≥ 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'})`);
  console.log(`  API sales/s: ${n(apiRate)} (target ≥ 50,000: ${apiRate >= 50_000 ? 'met' : 'NOT met'})`);
  const withFold = pg.copySalesSeconds + pg.copyFoldSeconds;
  const apiWithFold = pg.apiSales.seconds + pg.apiFoldSeconds;
  console.log(
    `  until the analytics rollups caught up: COPY ${withFold.toFixed(1)} s, API ${apiWithFold.toFixed(1)} s ` +
      `(ratio ${(withFold / apiWithFold).toFixed(2)}; the API folds in the background while it ingests, COPY only after)`,
  );
  const l = pg.apiSales.latencies;
  console.log(
    `  API sales batch latency: p50 ${n(percentile(l, 0.5))} ms, p95 ${n(percentile(l, 0.95))} ms (${l.length} requests)`,
  );
  const wall = pg.apiSales.seconds;
  console.log(
    `  CPU during the API sales run (${wall.toFixed(1)} s wall, ${pg.cpu.machineCores.toFixed(0)} cores): ` +
      `API process ${pg.cpu.apiSeconds.toFixed(1)} s (${((100 * pg.cpu.apiSeconds) / wall).toFixed(0)}% of a core), ` +
      `postgres ${pg.cpu.postgresSeconds.toFixed(1)} s, whole machine busy ${pg.cpu.machineBusy.toFixed(1)} s ` +
      `(${((100 * pg.cpu.machineBusy) / (wall * pg.cpu.machineCores)).toFixed(0)}%)`,
  );
  console.log(
    `  machine load average at the end: ${one} ${five} ${fifteen} (other work on the machine skews every figure)`,
  );
}

async function main(): Promise<void> {
  const config = loadBenchConfig();
  rmSync(config.workDir, { recursive: true, force: true });
  mkdirSync(config.workDir, { recursive: true });
  console.log(
    `Ingest benchmark: ${n(config.sales)} sales (1–${config.maxItemsPerSale} items each), ${n(config.clients)} clients, ` +
      `batches of ${n(config.batchSize)}, ${config.concurrency} in flight; API ${config.apiMain}`,
  );
  const pg = await runPostgres(config);
  const lite = config.pgliteSales > 0 ? await runPglite(config) : undefined;
  report(config, pg, lite);
  rmSync(config.workDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
