/**
 * The deals board in the browser (issue 13): how long the board of a pipeline with 100,000 open
 * deals takes to show the first screen of every column in Chromium, against a board of 100 deals
 * measured in the same run, and how much of it the page holds (cards in the DOM, JS heap).
 *
 * Runs the built API and web app (`dist/`) on the database `bench:deals` generated (1,000,000 deals,
 * the newest 100,000 open, 25,000 in the busiest column), signs a user up through the API and makes
 * them a member of the benchmark's company; a second user's own company gets 100 open deals through
 * the API (the baseline). Each board is opened `BENCH_RUNS` times in a fresh page, as a user opening
 * it from the menu would (the first time with a cold API and database cache, reported apart).
 * Run with `npm run bench:deals-board`; see README.md.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type Browser, chromium, type Page } from 'playwright-core';
import { freePort } from '../../tools/scripts/lib/free-port';

const env = process.env;
const ROOT = join(__dirname, '..', '..');
const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'main.js');
const WEB_DIST = join(ROOT, 'dist', 'apps', 'web', 'browser');
const ADMIN_URL = env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = env['BENCH_DB'] ?? 'crm_bench_deals';
const RUNS = Number(env['BENCH_RUNS'] ?? 15);
const BASELINE_DEALS = 100;
const PASSWORD = 'correct-horse-battery';

const dbUrl = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
})();

async function startApi(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, [API_MAIN], {
    env: {
      ...env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATABASE_URL: dbUrl,
      CRM_DATA_DIR: dataDir,
      CRM_WEB_DIST: WEB_DIST,
      AUTH_RATE_LIMIT: '100000',
      // Production settings need their secrets: fresh ones for this run.
      JWT_SECRET: randomBytes(32).toString('hex'),
      KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The API exited with ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The API did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function call<T>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

interface Account {
  login: string;
  userId: string;
  companyId: string;
  token: string;
}

async function signUp(base: string, login: string): Promise<Account> {
  const answer = await call<{ accessToken: string; user: { id: string }; company: { id: string } }>(
    base,
    'POST',
    '/api/auth/register',
    undefined,
    { login, password: PASSWORD, companyName: login },
  );
  return { login, userId: answer.user.id, companyId: answer.company.id, token: answer.accessToken };
}

/** The baseline: `BASELINE_DEALS` open deals of one client, spread over the open stages, through the API. */
async function seedBaseline(base: string, account: Account): Promise<void> {
  const url = `/api/companies/${account.companyId}`;
  const client = await call<{ id: string }>(base, 'POST', `${url}/clients`, account.token, { name: 'Клиент' });
  const [pipeline] = await call<{ id: string; stages: { id: string; kind: string }[] }[]>(
    base,
    'GET',
    `${url}/pipelines`,
    account.token,
  );
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  for (let i = 0; i < BASELINE_DEALS; i++) {
    await call(base, 'POST', `${url}/deals`, account.token, {
      title: `Сделка ${i + 1}`,
      clientId: client.id,
      amount: String(1000 + i),
      currency: 'RUB',
      pipelineId: pipeline.id,
      stageId: open[i % open.length].id,
    });
  }
}

interface Look {
  ms: number;
  cards: number;
  heapMb: number;
  /** The API requests the board made, slowest first: `path: ms`. */
  requests: string[];
}

/** Opens the board in a fresh page and waits until every column shows its count and first cards. */
async function openBoard(browser: Browser, base: string, login: string): Promise<Look> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
  try {
    const page = await context.newPage();
    await page.goto('/login');
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.waitForLoadState('networkidle');
    const started = new Map<object, number>();
    const requests: [string, number][] = [];
    page.on('request', (r) => started.set(r, Date.now()));
    page.on('requestfinished', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/'))
        requests.push([
          `${url.pathname.replace(/[0-9a-f-]{36}/g, ':id')}${url.search}`,
          Date.now() - (started.get(r) ?? 0),
        ]);
    });
    const start = Date.now();
    requests.length = 0;
    await page.locator('a[href="/deals"]').first().click();
    await firstScreen(page);
    const ms = Date.now() - start;
    const cards = await page.locator('[data-testid="deal-card"]').count();
    const session = await context.newCDPSession(page);
    await session.send('Performance.enable');
    const { metrics } = await session.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    return {
      ms,
      cards,
      heapMb: heap / 2 ** 20,
      requests: requests.sort((a, b) => b[1] - a[1]).map(([path, took]) => `${path}: ${took} ms`),
    };
  } finally {
    await context.close();
  }
}

async function firstScreen(page: Page): Promise<void> {
  await page.locator('[data-testid="board-column"]').first().waitFor();
  await page.waitForFunction(() => {
    const columns = Array.from(document.querySelectorAll('[data-testid="board-column"]'));
    return (
      columns.length > 0 &&
      columns.every(
        (c) =>
          !c.querySelector('.skeleton') && (c.querySelector('[data-testid="deal-card"]') || c.querySelector('.empty')),
      )
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(0.95 * xs.length) - 1];

async function main(): Promise<void> {
  for (const [what, path] of [
    ['API', API_MAIN],
    ['web app', join(WEB_DIST, 'index.html')],
  ]) {
    if (!existsSync(path)) throw new Error(`The ${what} is not built (${path}): npx nx run-many -t build -p api web`);
  }
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const [bench] = (
    await db.query<{ company_id: string; open: number }>(
      `SELECT c.id AS company_id, (SELECT count(*)::int FROM deals d WHERE d.company_id = c.id AND d.status = 'open') AS open
         FROM companies c WHERE c.name = 'Бенч сделок' ORDER BY c.created_at DESC LIMIT 1`,
    )
  ).rows;
  if (!bench) throw new Error(`No benchmark company in ${DB_NAME}: run \`npm run bench:deals\` first`);
  console.log(
    `CPUs ${cpus().length}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; board of ${bench.open} open deals against ${BASELINE_DEALS}; ${RUNS} opens each`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-bench-board-'));
  const api = await startApi(dataDir);
  const browser = await chromium.launch({
    executablePath: env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const stamp = Date.now().toString(36);
    const big = await signUp(api.url, `bench-board-${stamp}`);
    // The user works in the benchmark's company only (the web opens a user's first company).
    await db.query(`INSERT INTO company_accounts (company_id, user_id, role) VALUES ($1, $2, 'owner')`, [
      bench.company_id,
      big.userId,
    ]);
    await db.query(`DELETE FROM companies WHERE id = $1`, [big.companyId]);
    const small = await signUp(api.url, `bench-board-small-${stamp}`);
    await seedBaseline(api.url, small);

    const results: Record<string, Look[]> = { big: [], small: [] };
    // Interleaved, so that both boards see the same machine.
    for (let i = 0; i <= RUNS; i++) {
      results['big'].push(await openBoard(browser, api.url, big.login));
      results['small'].push(await openBoard(browser, api.url, small.login));
    }
    const rows = [
      [`${bench.open.toLocaleString('en')} open deals`, results['big']],
      [`${BASELINE_DEALS} open deals (baseline)`, results['small']],
    ] as const;
    for (const [name, looks] of rows) {
      const [first, ...rest] = looks;
      const times = rest.map((l) => l.ms);
      console.log(
        `${name.padEnd(28)} first ${String(first.ms).padStart(5)} ms  p50 ${String(median(times)).padStart(5)} ms  ` +
          `p95 ${String(p95(times)).padStart(5)} ms  cards in DOM ${first.cards}  JS heap ${median(rest.map((l) => l.heapMb)).toFixed(1)} MB`,
      );
    }
    console.log(`requests of the last open of the large board:\n  ${results['big'][RUNS].requests.join('\n  ')}`);
    const big50 = median(results['big'].slice(1).map((l) => l.ms));
    const small50 = median(results['small'].slice(1).map((l) => l.ms));
    const big95 = p95(results['big'].slice(1).map((l) => l.ms));
    const small95 = p95(results['small'].slice(1).map((l) => l.ms));
    console.log(
      `ratio 100,000 / 100 deals: p50 ${(big50 / small50).toFixed(2)}×, p95 ${(big95 / small95).toFixed(2)}×`,
    );
  } finally {
    await browser.close();
    api.child.kill('SIGTERM');
    await once(api.child, 'exit');
    await db.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
