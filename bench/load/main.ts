/**
 * A mixed load on the API (issue 9 §1): `BENCH_USERS` concurrent users for `BENCH_SECONDS`, each
 * looping over 70% reads (client and sale lists with search, analytics summary, timeseries and top
 * clients), 20% batches of 100 sales through `/api/v1/sales/batch` and 10% logins. Prints requests,
 * errors by kind, p50/p95/p99 per kind, then checks the API answers normally right after the load.
 *
 * Loopback only: it starts the built API itself on a fresh database (or targets `BENCH_API_URL`,
 * which must be 127.0.0.1/localhost), and stops after the time or `BENCH_MAX_REQUESTS` requests.
 */
import { Client } from 'pg';
import { CrmApi, type SaleBatchItem } from '../../tools/scripts/lib/integration-api';
import { type RunningApi, startApi } from '../ingest/processes';

const env = process.env;
const USERS = Number(env['BENCH_USERS'] ?? 200);
const SECONDS = Number(env['BENCH_SECONDS'] ?? 60);
const MAX_REQUESTS = Number(env['BENCH_MAX_REQUESTS'] ?? 500_000);
const SEED_SALES = Number(env['BENCH_SEED_SALES'] ?? 20_000);
/**
 * Mean think time between one user's requests (exponentially distributed), in ms: 10 s by default,
 * people reading a screen before the next click. 0 makes every user send its next request the
 * moment the last one answers: the API's saturation throughput (where the p99 target cannot hold:
 * 200 users without pause would need 800 answers a second for p99 ≤ 250 ms, and the 10% of log-ins
 * alone, argon2id at ~35 ms of CPU each, would need 2.8 CPUs).
 */
const THINK_MS = Number(env['BENCH_THINK_MS'] ?? 10_000);
const CLIENTS = 2_000;
const SERVER = env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = env['BENCH_DB'] ?? 'crm_bench_load';
const PASSWORD = 'load-test-password-1';
const DAY = 86_400_000;

type Kind = 'clients' | 'sales' | 'summary' | 'timeseries' | 'top-clients' | 'batch' | 'login';
const READS: Kind[] = ['clients', 'sales', 'summary', 'timeseries', 'top-clients'];
/** Weights out of 100: reads 70 (14 each), batches 20, logins 10. */
const MIX: [Kind, number][] = [...READS.map((k): [Kind, number] => [k, 14]), ['batch', 20], ['login', 10]];

function loopbackOnly(url: string): string {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`Loopback only, not ${host}`);
  return url.replace(/\/$/, '');
}

async function freshDatabase(): Promise<string> {
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  // Statements slower than this go to the server's log (to see where the time goes under load).
  const slow = Number(env['BENCH_LOG_SLOW_MS'] ?? -1);
  if (slow >= 0) await admin.query(`ALTER DATABASE ${DB} SET log_min_duration_statement = ${Math.floor(slow)}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${DB}`;
  return loopbackOnly(url.toString());
}

const pad = (n: number) => String(n).padStart(2, '0');
let saleCounter = 0;
/** Sales over the last three years, 15% in USD, a skewed choice of clients. */
function sales(n: number, rnd: () => number = Math.random): SaleBatchItem[] {
  const now = Date.now();
  return Array.from({ length: n }, () => {
    const at = new Date(now - Math.floor(rnd() * 1_095 * DAY));
    return {
      externalId: `L-${process.pid}-${saleCounter++}`,
      clientExternalId: `C-${1 + Math.floor(CLIENTS * rnd() ** 1.6)}`,
      amount: `${1 + Math.floor(rnd() * 50_000)}.${pad(Math.floor(rnd() * 100))}`,
      currency: rnd() < 0.15 ? 'USD' : 'RUB',
      soldAt: `${at.toISOString().slice(0, 10)}T${pad(Math.floor(rnd() * 24))}:${pad(Math.floor(rnd() * 60))}:00+03:00`,
      status: rnd() < 0.85 ? 'paid' : 'pending',
    };
  });
}

interface Company {
  id: string;
  login: string;
  token: string;
  key: string;
}

async function seed(base: string): Promise<Company> {
  const api = new CrmApi(base);
  const login = `load.${Date.now().toString(36)}`;
  const reg = await api.request<{ accessToken: string; company: { id: string } }>('POST', '/auth/register', {
    login,
    password: PASSWORD,
    companyName: 'ООО Нагрузка',
  });
  const owner = api.withBearer(reg.accessToken);
  const id = reg.company.id;
  await owner.request('PATCH', `/companies/${id}`, { timeZone: 'Europe/Moscow', baseCurrency: 'RUB' });
  await owner.request('PUT', `/companies/${id}/exchange-rates`, {
    rates: [{ currency: 'USD', rate: '90', validFrom: '2020-01-01' }],
  });
  const key = (await owner.request<{ key: string }>('POST', `/companies/${id}/api-keys`, { name: 'load' })).key;
  const integration = api.withApiKey(key);
  const clients = Array.from({ length: CLIENTS }, (_, i) => ({ externalId: `C-${i + 1}`, name: `Клиент ${i + 1}` }));
  await integration.upsertClients(clients);
  for (let done = 0; done < SEED_SALES; done += 5_000) {
    await integration.upsertSales(sales(Math.min(5_000, SEED_SALES - done)));
  }
  return { id, login, token: reg.accessToken, key };
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)];
const SEARCHES = ['Клиент 1', 'клиент 42', 'C-7', '99', 'Клиент 2000'];

/** One request of `kind`: [method, path, body, headers]. */
function requestOf(kind: Kind, c: Company): [string, string, unknown, Record<string, string>] {
  const bearer = { Authorization: `Bearer ${c.token}` };
  const today = Date.now();
  const period = pick([30, 90, 365, 1_095]);
  const range = `from=${iso(today - (period - 1) * DAY)}&to=${iso(today)}&currency=RUB`;
  const analytics = `/companies/${c.id}/analytics`;
  switch (kind) {
    case 'clients':
      return [
        'GET',
        `/companies/${c.id}/clients?q=${encodeURIComponent(pick(SEARCHES))}&pageSize=50`,
        undefined,
        bearer,
      ];
    case 'sales':
      return [
        'GET',
        `/companies/${c.id}/sales?q=${encodeURIComponent(pick(SEARCHES))}&pageSize=50&sort=-soldAt`,
        undefined,
        bearer,
      ];
    case 'summary':
      return ['GET', `${analytics}/summary?${range}`, undefined, bearer];
    case 'timeseries':
      return [
        'GET',
        `${analytics}/timeseries?${range}&granularity=${period > 365 ? 'month' : 'day'}`,
        undefined,
        bearer,
      ];
    case 'top-clients':
      return ['GET', `${analytics}/top-clients?${range}&limit=10`, undefined, bearer];
    case 'batch':
      return ['POST', '/v1/sales/batch', { items: sales(100) }, { 'X-API-Key': c.key }];
    case 'login':
      return ['POST', '/auth/login', { login: c.login, password: PASSWORD }, {}];
  }
}

interface Stats {
  times: number[];
  errors: Map<string, number>;
}

async function send(base: string, kind: Kind, c: Company, timeoutMs: number): Promise<{ ms: number; error?: string }> {
  const [method, path, body, headers] = requestOf(kind, c);
  const started = performance.now();
  try {
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers: { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (!res.ok) return { ms, error: `HTTP ${res.status}${res.status >= 500 ? ` ${text.slice(0, 80)}` : ''}` };
    if (kind === 'batch' && (JSON.parse(text) as { failed: unknown[] }).failed.length)
      return { ms, error: 'batch items failed' };
    return { ms };
  } catch (error) {
    return {
      ms: performance.now() - started,
      error: (error as Error).name === 'TimeoutError' ? 'client timeout' : String(error),
    };
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

async function run(base: string, c: Company): Promise<Map<Kind, Stats>> {
  const stats = new Map<Kind, Stats>(MIX.map(([k]) => [k, { times: [], errors: new Map() }]));
  const end = Date.now() + SECONDS * 1_000;
  let sent = 0;
  const think = () => {
    const ms = Math.min(-Math.log(1 - Math.random()) * THINK_MS, end - Date.now());
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined;
  };
  const user = async () => {
    // With think time, users arrive as people do (the first request after a think too), not all at
    // the same instant.
    if (THINK_MS > 0) await think();
    while (Date.now() < end && sent < MAX_REQUESTS) {
      sent++;
      let r = Math.random() * 100;
      const kind = MIX.find(([, w]) => (r -= w) < 0)?.[0] ?? 'login';
      const result = await send(base, kind, c, 30_000);
      const s = stats.get(kind) as Stats;
      s.times.push(result.ms);
      if (result.error) s.errors.set(result.error, (s.errors.get(result.error) ?? 0) + 1);
      if (THINK_MS > 0) await think();
    }
  };
  await Promise.all(Array.from({ length: USERS }, user));
  return stats;
}

function report(stats: Map<Kind, Stats>, seconds: number): boolean {
  const rows: string[] = [
    '| kind | requests | errors | p50 ms | p95 ms | p99 ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  let total = 0;
  let errors = 0;
  const reads: number[] = [];
  for (const [kind, s] of stats) {
    const sorted = [...s.times].sort((a, b) => a - b);
    const e = [...s.errors.values()].reduce((a, b) => a + b, 0);
    total += s.times.length;
    errors += e;
    if (READS.includes(kind)) reads.push(...s.times);
    rows.push(
      `| ${kind} | ${s.times.length} | ${e} | ${percentile(sorted, 50).toFixed(0)} | ${percentile(sorted, 95).toFixed(0)} | ${percentile(sorted, 99).toFixed(0)} |`,
    );
  }
  reads.sort((a, b) => a - b);
  rows.push(
    `| all reads | ${reads.length} | | ${percentile(reads, 50).toFixed(0)} | ${percentile(reads, 95).toFixed(0)} | ${percentile(reads, 99).toFixed(0)} |`,
  );
  console.log(rows.join('\n'));
  console.log(`\n${total} requests in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)}/s), ${errors} errors`);
  for (const [kind, s] of stats) for (const [error, n] of s.errors) console.log(`  ${kind}: ${n} × ${error}`);
  const readP99 = percentile(reads, 99);
  console.log(
    `Target: 0 errors, p99 of reads ≤ 250 ms → ${errors === 0 && readP99 <= 250 ? 'met' : 'NOT met'}${THINK_MS > 0 ? '' : ' (a saturation run: no think time)'}`,
  );
  return errors === 0;
}

/**
 * The seed is the base the users work on, not part of the load: wait until the API has folded it
 * into the analytics rollups in the background (as an existing company's sales are), and say how
 * long that took.
 */
async function settled(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const started = Date.now();
  try {
    for (;;) {
      const [row] = (await db.query(`SELECT count(*)::int AS n FROM analytics_pending_changes`)).rows as {
        n: number;
      }[];
      if (row.n === 0 || Date.now() - started > 120_000) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    console.log(`The API folded the seed in the background within ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.end();
  }
}

/** Right after the load: every read kind answers 200 within a second. */
async function checkAfter(base: string, c: Company): Promise<boolean> {
  let ok = true;
  for (const kind of [...READS, 'login'] as Kind[]) {
    const r = await send(base, kind, c, 5_000);
    console.log(`after the load: ${kind} ${r.error ?? 'ok'} in ${r.ms.toFixed(0)} ms`);
    ok &&= !r.error && r.ms < 1_000;
  }
  return ok;
}

async function main(): Promise<void> {
  let api: RunningApi | undefined;
  let base = env['BENCH_API_URL'] ? loopbackOnly(env['BENCH_API_URL']) : '';
  let databaseUrl: string | undefined;
  if (!base) {
    databaseUrl = env['BENCH_EMBEDDED'] ? undefined : await freshDatabase();
    api = await startApi(env['BENCH_API_MAIN'] ?? 'dist/apps/api/main.js', {
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-load-secret-bench-load-secret-0123',
      KEY_ENCRYPTION_SECRET: 'bench-load-key-secret-bench-load-key-0123',
      CRM_DATA_DIR: `/tmp/crm-bench-load-${process.pid}`,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      DB_POOL_SIZE: env['BENCH_POOL_SIZE'] ?? '10',
      // One address and one key make all the traffic here: the per-address and per-key limits
      // would answer 429 to what is many users and integrations in production.
      AUTH_RATE_LIMIT: '1000000',
      INTEGRATION_RATE_LIMIT: '1000000',
    });
    base = api.url;
  }
  try {
    const seedStart = Date.now();
    const company = await seed(base);
    console.log(`Seeded ${SEED_SALES} sales, ${CLIENTS} clients in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    if (databaseUrl) await settled(databaseUrl);
    console.log(
      `${USERS} users for ${SECONDS} s against ${base}${THINK_MS > 0 ? `, thinking ${THINK_MS} ms on average between requests` : ', no think time'}`,
    );
    const started = Date.now();
    const stats = await run(base, company);
    const clean = report(stats, (Date.now() - started) / 1_000);
    const after = await checkAfter(base, company);
    process.exitCode = clean && after ? 0 : 1;
  } finally {
    await api?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
