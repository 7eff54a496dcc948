/** The benchmark's settings, from the environment (see README.md). */
import { resolve } from 'node:path';

export interface BenchConfig {
  sales: number;
  clients: number;
  /** Items per sale are drawn from 1..maxItemsPerSale. */
  maxItemsPerSale: number;
  batchSize: number;
  concurrency: number;
  /** Server URL without a database name; the benchmark creates `database` on it. */
  postgresUrl: string;
  database: string;
  /** Sales for the embedded-database (PGlite) run of the API path; 0 skips it. */
  pgliteSales: number;
  /** `--cpu-prof` the API during the PostgreSQL API run and print where the time goes. */
  profile: boolean;
  /** The PostgreSQL server log, read with BENCH_PROFILE=1 for per-statement durations. */
  serverLog: string;
  apiMain: string;
  workDir: string;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}

export function loadBenchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const repoRoot = resolve(__dirname, '../..');
  const sales = int(env, 'BENCH_SALES', 1_000_000, 1);
  return {
    sales,
    clients: int(env, 'BENCH_CLIENTS', Math.max(1, Math.round(sales / 10)), 1),
    maxItemsPerSale: int(env, 'BENCH_MAX_ITEMS', 3, 0),
    batchSize: Math.min(int(env, 'BENCH_BATCH', 5000, 1), 5000),
    concurrency: int(env, 'BENCH_CONCURRENCY', 3, 1),
    postgresUrl: env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432',
    database: env['BENCH_DATABASE'] ?? 'crm_bench_ingest',
    pgliteSales: int(env, 'BENCH_PGLITE_SALES', Math.min(100_000, sales), 0),
    profile: env['BENCH_PROFILE'] === '1',
    serverLog: env['BENCH_PG_LOG'] ?? '/var/log/postgresql/postgresql-15-main.log',
    apiMain: resolve(repoRoot, env['BENCH_API_MAIN'] ?? 'dist/apps/api/main.js'),
    workDir: resolve(env['BENCH_WORK_DIR'] ?? '/tmp/crm-bench-ingest'),
  };
}
