import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { type ApiProcess, startApi } from '../support/api-process';
import { PASSWORD, uniqueLogin } from '../support/client';

/**
 * Issue 9 §1: a slow statement must not hold a pool connection forever. A test connection locks the
 * table every analytics read starts from, so the API's statement waits as long as the lock is held:
 * the statement timeout ends it, and so does the client going away. PostgreSQL only: PGlite is one
 * session (a lock held on another connection would stall the whole socket queue) and ignores
 * cancel requests.
 */
const onServer = process.env['TEST_DATABASE_URL'] ? describe : describe.skip;

onServer('statement limits', () => {
  let dataDir: string;
  const apis: ApiProcess[] = [];
  const databaseUrl = () => process.env['E2E_DATABASE_URL'] as string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'crm-limits-'));
  });
  afterAll(async () => {
    for (const api of apis) await api.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function apiWith(env: Record<string, string>) {
    // Its own application_name, so that only its backends are counted: other API processes on the
    // same database (the suite's own, earlier specs' folds) may wait on the same lock meanwhile.
    const name = `crm-limits-${apis.length + 1}`;
    const url = new URL(databaseUrl());
    url.searchParams.set('application_name', name);
    const api = await startApi({ DATABASE_URL: url.toString(), CRM_DATA_DIR: dataDir, DB_POOL_SIZE: '2', ...env });
    apis.push(api);
    const res = await request(api.url)
      .post('/api/auth/register')
      .send({ login: uniqueLogin('limits'), password: PASSWORD, companyName: 'ООО Лимиты' })
      .expect(201);
    const summary = `/api/companies/${res.body.company.id}/analytics/summary`;
    return { api, name, summary, auth: { Authorization: `Bearer ${res.body.accessToken}` } };
  }

  /** Runs `body` while a test connection holds an exclusive lock on the daily rollup. */
  async function whileLocked(body: (holder: Client) => Promise<void>): Promise<void> {
    const holder = new Client({ connectionString: databaseUrl() });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE analytics_sales_daily IN ACCESS EXCLUSIVE MODE');
      await body(holder);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  }

  /** Backends of the API process `name` waiting for a lock (not a background fold). */
  const waiting = async (holder: Client, name: string) =>
    Number(
      (
        await holder.query(
          `SELECT count(*) AS n FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = $1 AND wait_event_type = 'Lock'
             AND query NOT LIKE '%analytics_fold_company%'`,
          [name],
        )
      ).rows[0].n,
    );

  async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (await check()) return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('ends a statement past DB_STATEMENT_TIMEOUT_MS with an answer, and serves the next request', async () => {
    const { api, name, summary, auth } = await apiWith({ DB_STATEMENT_TIMEOUT_MS: '500' });
    await whileLocked(async (holder) => {
      const started = Date.now();
      const res = await request(api.url).get(summary).set(auth).timeout(10_000);
      // The database side ends it (SQLSTATE 57014); the HTTP mapping of that error is the error filter's.
      expect({ answered: Date.now() - started < 5_000, serverError: res.status >= 500 }).toEqual({
        answered: true,
        serverError: true,
      });
      expect(await waiting(holder, name)).toBe(0);
    });
    await request(api.url).get(summary).set(auth).timeout(5_000).expect(200);
  }, 60_000);

  it('cancels the statement of a client that went away', async () => {
    const { api, name, summary, auth } = await apiWith({ DB_STATEMENT_TIMEOUT_MS: '120000' });
    await whileLocked(async (holder) => {
      const gone = expect(request(api.url).get(summary).set(auth).timeout(1_000)).rejects.toThrow(/Timeout/);
      // The request's statement waits for the lock (this process's backend)…
      expect(await eventually(async () => (await waiting(holder, name)) > 0, 900)).toBe(true);
      await gone;
      // …and is cancelled once the client has gone: without the cancel it would wait two minutes.
      expect(await eventually(async () => (await waiting(holder, name)) === 0, 5_000)).toBe(true);
    });
    await request(api.url).get(summary).set(auth).timeout(5_000).expect(200);
  }, 60_000);
});
