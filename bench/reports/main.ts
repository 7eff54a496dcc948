/* eslint-disable @typescript-eslint/no-explicit-any -- analytics and report answers are compared as parsed JSON, field by field */
/**
 * Reports benchmark (issue 11). On a real PostgreSQL, with the built API (`dist/apps/api/main.js`)
 * as a child process:
 *   1. each report type over a generated company: the time until `ready`, against the time of the
 *      analytics calls it is made of, measured in the same run over HTTP (same parameters);
 *   2. exporting a 100,000-row table as PDF, XLSX and CSV: the API process's peak RSS growth
 *      (sampled from /proc every 20 ms) over its RSS before the request.
 * Run with `npm run bench:reports`; see README.md.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createBenchDatabase } from '../analytics/database';
import { generateCompany } from '../analytics/generate';

const env = process.env;
const ADMIN_URL = env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = env['BENCH_DB'] ?? 'crm_bench_reports';
const SALES = Number(env['BENCH_SALES'] ?? 1_000_000);
const ROWS = Number(env['BENCH_EXPORT_ROWS'] ?? 100_000);
const PORT = Number(env['BENCH_PORT'] ?? 39_517);
const ROOT = join(__dirname, '..', '..');

const ms = (start: number) => Math.round(performance.now() - start);
const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: string, n: number) => day(new Date(Date.parse(d) + n * 86_400_000));

async function http(path: string, init: RequestInit & { token?: string } = {}): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${PORT}/api${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

function rss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

async function startApi(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/main.js')], {
    env: {
      ...env,
      DATABASE_URL: url,
      PORT: String(PORT),
      LOG_LEVEL: 'warn',
      DB_POOL_SIZE: '8',
      DB_STATEMENT_TIMEOUT_MS: '0',
      CRM_DATA_DIR: '/tmp/crm-bench-reports',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    try {
      await http('/health');
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error('API did not start');
}

async function main(): Promise<void> {
  console.log(
    `CPUs ${cpus().length}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ${SALES} sales, export of ${ROWS} rows`,
  );
  let start = performance.now();
  const bench = await createBenchDatabase(ADMIN_URL, DB_NAME);
  const company = await generateCompany(bench.dataSource, 'Бенч отчётов', {
    sales: SALES,
    clients: Math.max(100, Math.round(SALES / 10)),
    days: 1096,
    itemsPerSale: 1,
    timeZone: 'Europe/Moscow',
  });
  await bench.dataSource.query(`SELECT analytics_rebuild_company($1)`, [company.companyId]);
  // No manual VACUUM ANALYZE: the API refreshes the statistics of what it reads itself when it
  // starts and after folds (ADR 0005); the server's autovacuum does the rest, as in production.
  if (env['BENCH_ANALYZE'] === '1') await bench.dataSource.query(`VACUUM ANALYZE`);
  console.log(`generated in ${ms(start)} ms`);
  // The owner: a user made a member of the generated company through the API's own register.
  const api = await startApi(bench.url);
  try {
    const login = `bench.${Date.now()}`;
    const reg = await http('/auth/register', {
      method: 'POST',
      body: JSON.stringify({ login, password: 'correct-horse-battery' }),
    });
    await bench.dataSource.query(`INSERT INTO company_accounts (company_id, user_id, role) VALUES ($1, $2, 'owner')`, [
      company.companyId,
      reg.user.id,
    ]);
    const token = reg.accessToken as string;
    const c = company.companyId;
    const to = company.lastDay;
    const from = addDays(to, -364);
    const [year, month] = to.split('-').map(Number);
    const seasonFrom = day(new Date(Date.UTC(year, month - 1 - 35, 1)));
    const q = (o: Record<string, unknown>) =>
      new URLSearchParams(Object.entries(o).map(([k, v]) => [k, String(v)])).toString();
    const a = (path: string, o: Record<string, unknown>) =>
      http(`/companies/${c}/analytics/${path}?${q(o)}`, { token });

    // The analytics calls each report is made of (see libs/api/reports/src/lib/generation).
    const calls: Record<string, () => Promise<void>> = {
      'sales-overview': async () => {
        await a('summary', { from, to });
        await a('by-status', { from, to });
        await a('top-clients', { from, to, limit: 10 });
        await a('products', { from, to, limit: 10 });
        await a('segments', { asOf: to });
      },
      'sales-trends': async () => {
        await a('timeseries', { from, to, granularity: 'month' });
        await a('summary', { from, to });
        await a('summary', { from: addDays(from, -365), to: addDays(to, -365) });
        await a('forecast', { granularity: 'month', horizon: 6, asOf: addDays(to, 1) });
        await a('timeseries', { from: seasonFrom, to, granularity: 'month' });
      },
      'sales-recommendations': async () => {
        const top = await a('top-clients', { from: addDays(to, -729), to, limit: 100 });
        for (const client of top.items) await a(`clients/${client.clientId}/outlook`, { asOf: to });
        await a('segments', { asOf: to });
        await a('top-clients', { from, to, limit: 100 });
        await a('top-clients', { from: addDays(from, -365), to: addDays(from, -1), limit: 100 });
      },
    };
    const report = async (type: string) => {
      const t = performance.now();
      const created = await http(`/companies/${c}/reports`, {
        method: 'POST',
        token,
        body: JSON.stringify({ type, from, to }),
      });
      for (;;) {
        const r = await http(`/companies/${c}/reports/${created.id}`, { token });
        if (r.status !== 'running') {
          if (r.status !== 'ready') throw new Error(`${type} failed: ${r.error}`);
          return { ms: ms(t), id: created.id as string };
        }
        await new Promise((res) => setTimeout(res, 50));
      }
    };
    console.log('\n| report | analytics calls, ms | report ready, ms | ratio |');
    console.log('| --- | ---: | ---: | ---: |');
    let lastOverview = '';
    for (const round of ['cold', 'warm']) {
      for (const type of Object.keys(calls)) {
        start = performance.now();
        await calls[type]();
        const analytics = ms(start);
        const r = await report(type);
        if (type === 'sales-overview') lastOverview = r.id;
        console.log(`| ${type} (${round}) | ${analytics} | ${r.ms} | ${(r.ms / analytics).toFixed(2)} |`);
      }
    }

    // A report table of ROWS rows: the snapshot's rows written directly (a report of the API's
    // types has no table that long), then exported in each format.
    const [snapshot] = await bench.dataSource.query(`SELECT latest_snapshot_id AS id FROM reports WHERE id = $1`, [
      lastOverview,
    ]);
    await bench.dataSource.query(
      `INSERT INTO report_rows (company_id, snapshot_id, table_key, row_no, cells)
       SELECT $1, $2, 'top-clients', 1000 + i,
              jsonb_build_array(i, gen_random_uuid()::text, 'Клиент №' || i, 'client' || i || '@example.ru', (i * 1.37)::numeric(12,2)::text, i % 50)
         FROM generate_series(1, $3::int) AS i`,
      [c, snapshot.id, ROWS],
    );
    await bench.dataSource.query(
      `UPDATE report_snapshots SET result = jsonb_set(result, '{tables}',
         (SELECT jsonb_agg(CASE WHEN t->>'key' = 'top-clients' THEN jsonb_set(t, '{totalRows}', to_jsonb((t->>'totalRows')::int + $3::int)) ELSE t END)
            FROM jsonb_array_elements(result->'tables') t)) WHERE company_id = $1 AND id = $2`,
      [c, snapshot.id, ROWS],
    );
    console.log(`\n| format | bytes | time, ms | RSS before, MB | peak RSS growth, MB |`);
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const format of ['csv', 'xlsx', 'pdf']) {
      if (global.gc) global.gc();
      await new Promise((r) => setTimeout(r, 1000));
      const before = rss(api.pid as number);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rss(api.pid as number))), 20);
      const t = performance.now();
      const res = await fetch(
        `http://127.0.0.1:${PORT}/api/companies/${c}/reports/${lastOverview}/export?format=${format}`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      let bytes = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      clearInterval(sampler);
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      console.log(`| ${format} | ${bytes} | ${ms(t)} | ${mb(before)} | ${mb(peak - before)} |`);
    }
  } finally {
    api.kill('SIGTERM');
    await bench.dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
