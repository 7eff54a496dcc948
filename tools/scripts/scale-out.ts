/**
 * The driver of `tools/scripts/check-scale-out.sh` (run it through that script): proves through
 * nginx, in front of three API processes on PgBouncer, a primary and a streaming replica, that
 *  1. an owner registers and logs in, clients and sales arrive through /api/v1;
 *  2. analytics answers equal what the primary's own rows say, and are served by the replica once it
 *     has caught up (the processes' `crm_db_reads_total{pool="replica"}` grows);
 *  3. read-your-writes: with the replica's replay paused, a company that has just written reads its
 *     write (from the primary) while the replica still lacks it, and a company that has not written
 *     keeps reading from the replica;
 *  4. an import uploaded through one process is run by another while the first is frozen;
 *  5. a report job whose API process is killed mid-way finishes on another process.
 * Environment: SCALE_OUT_URL (nginx), SCALE_OUT_API_URLS and SCALE_OUT_API_PIDS (the processes, in
 * the same order), SCALE_OUT_PRIMARY_URL and SCALE_OUT_REPLICA_URL (direct, for the checks).
 */
import { Client } from 'pg';
import { CrmApi, type SaleBatchItem } from './lib/integration-api';

const env = process.env;
const need = (name: string) => {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set: run tools/scripts/check-scale-out.sh`);
  return value;
};
const NGINX = need('SCALE_OUT_URL');
const API_URLS = need('SCALE_OUT_API_URLS').split(',');
const API_PIDS = need('SCALE_OUT_API_PIDS').split(',').map(Number);
const DAY = 86_400_000;
const PASSWORD = 'scale-out-password-1';

let failures = 0;
function check(what: string, ok: boolean, detail = ''): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` — ${detail}` : ''}`);
  if (!ok) failures++;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(200);
  }
}

interface Company {
  id: string;
  token: string;
  owner: CrmApi;
  integration: CrmApi;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const FROM = iso(Date.now() - 40 * DAY);
const TO = iso(Date.now());

async function company(login: string, name: string): Promise<Company> {
  const api = new CrmApi(NGINX);
  const registered = await api.request<{ accessToken: string; company: { id: string } }>('POST', '/auth/register', {
    login,
    password: PASSWORD,
    companyName: name,
  });
  // A log-in on whichever process nginx picks: the refresh tokens and users live in the database.
  const loggedIn = await api.request<{ accessToken: string }>('POST', '/auth/login', { login, password: PASSWORD });
  const owner = api.withBearer(loggedIn.accessToken);
  const id = registered.company.id;
  await owner.request('PATCH', `/companies/${id}`, { timeZone: 'Europe/Moscow', baseCurrency: 'RUB' });
  const key = (await owner.request<{ key: string }>('POST', `/companies/${id}/api-keys`, { name: 'scale-out' })).key;
  return { id, token: loggedIn.accessToken, owner, integration: api.withApiKey(key) };
}

let saleNumber = 0;
function sales(n: number, clients: number): SaleBatchItem[] {
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(Date.now() - (1 + (i % 30)) * DAY);
    return {
      externalId: `S-${saleNumber++}`,
      clientExternalId: `C-${1 + (i % clients)}`,
      amount: `${100 + (i % 97)}.${String(i % 100).padStart(2, '0')}`,
      currency: 'RUB',
      soldAt: `${at.toISOString().slice(0, 10)}T12:00:00+03:00`,
      status: i % 10 === 9 ? 'pending' : 'paid',
    };
  });
}

interface Summary {
  revenue: string;
  salesCount: number;
}
const summary = (c: Company) =>
  c.owner.request<Summary>('GET', `/companies/${c.id}/analytics/summary?from=${FROM}&to=${TO}&currency=RUB`);

/** What the rows on `db` say: paid sales of the period (company time zone Moscow), count and sum. */
async function truth(db: Client, c: Company): Promise<{ salesCount: number; revenue: number }> {
  const { rows } = await db.query<{ n: number; total: string | null }>(
    `SELECT count(*)::int AS n, sum(amount)::text AS total FROM sales
      WHERE company_id = $1 AND status = 'paid'
        AND (sold_at AT TIME ZONE 'Europe/Moscow')::date BETWEEN $2::date AND $3::date`,
    [c.id, FROM, TO],
  );
  return { salesCount: rows[0].n, revenue: Number(rows[0].total ?? 0) };
}

/** `crm_db_reads_total` summed over the three processes, by `pool` and `pool/reason`. */
async function reads(): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const url of API_URLS) {
    const response = await fetch(`${url}/api/metrics`).catch(() => undefined);
    if (!response?.ok) continue; // a killed process
    for (const line of (await response.text()).split('\n')) {
      const m = /^crm_db_reads_total\{pool="(\w+)",reason="([\w-]+)"\} (\d+)/.exec(line);
      if (!m) continue;
      totals.set(m[1], (totals.get(m[1]) ?? 0) + Number(m[3]));
      totals.set(`${m[1]}/${m[2]}`, (totals.get(`${m[1]}/${m[2]}`) ?? 0) + Number(m[3]));
    }
  }
  return totals;
}
const delta = (after: Map<string, number>, before: Map<string, number>, key: string) =>
  (after.get(key) ?? 0) - (before.get(key) ?? 0);

async function caughtUp(primary: Client, replica: Client): Promise<void> {
  const { rows } = await primary.query<{ lsn: string }>(`SELECT pg_current_wal_lsn()::text AS lsn`);
  await waitFor('the replica to catch up', async () => {
    const r = await replica.query<{ ok: boolean }>(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [
      rows[0].lsn,
    ]);
    return r.rows[0].ok ? true : undefined;
  });
}

async function main(): Promise<void> {
  const primary = new Client({ connectionString: need('SCALE_OUT_PRIMARY_URL') });
  const replica = new Client({ connectionString: need('SCALE_OUT_REPLICA_URL') });
  await primary.connect();
  await replica.connect();
  try {
    // 1. Register, log in, push through /api/v1.
    const stamp = Date.now().toString(36);
    const a = await company(`scale.a.${stamp}`, 'ООО «Первая»');
    const b = await company(`scale.b.${stamp}`, 'ООО «Вторая»');
    for (const c of [a, b]) {
      await c.integration.upsertClients(
        Array.from({ length: 20 }, (_, i) => ({ externalId: `C-${i + 1}`, name: `Клиент ${i + 1}` })),
      );
      await c.integration.upsertSales(sales(300, 20));
    }
    check('register, log in and push clients and sales through nginx', true);
    const health = await new CrmApi(NGINX).request<{ replica?: { state: string; lagBytes?: number } }>(
      'GET',
      '/health/ready',
    );
    check('readiness reports the replica', health.replica?.state === 'up', JSON.stringify(health.replica));

    // 2. Analytics equal the primary's rows, served by the replica once it has caught up.
    await caughtUp(primary, replica);
    const before = await reads();
    const expected = await truth(primary, a);
    let equal = true;
    for (let i = 0; i < 6; i++) {
      const s = await summary(a);
      equal &&= s.salesCount === expected.salesCount && Math.abs(Number(s.revenue) - expected.revenue) < 0.005;
    }
    const funnel = await a.owner.request<{ stages?: unknown[] }>(
      'GET',
      `/companies/${a.id}/analytics/funnel?from=${FROM}&to=${TO}`,
    );
    const after = await reads();
    check(
      'analytics summary through nginx equals the primary (6 reads)',
      equal,
      `${expected.salesCount} paid sales, ${expected.revenue.toFixed(2)} RUB`,
    );
    check('deals funnel answers through the read path', Boolean(funnel));
    check(
      'the caught-up replica answered the reads',
      delta(after, before, 'replica') >= 6,
      `replica +${delta(after, before, 'replica')}, primary +${delta(after, before, 'primary')}`,
    );

    // 3. Read-your-writes: the replica stops replaying; A writes and reads at once.
    await replica.query(`SELECT pg_wal_replay_pause()`);
    try {
      await a.integration.upsertSales([
        {
          externalId: `RYW-${stamp}`,
          clientExternalId: 'C-1',
          amount: '777.77',
          currency: 'RUB',
          soldAt: `${TO}T09:00:00+03:00`,
          status: 'paid',
        },
      ]);
      const mark = await reads();
      const fresh = await summary(a);
      const onPrimary = await truth(primary, a);
      const onReplica = await truth(replica, a);
      check(
        'read-your-writes: the sale just written is in the next answer',
        fresh.salesCount === onPrimary.salesCount && Math.abs(Number(fresh.revenue) - onPrimary.revenue) < 0.005,
        `answer ${fresh.salesCount} sales; primary ${onPrimary.salesCount}, paused replica ${onReplica.salesCount}`,
      );
      check('… while the paused replica still lacks it', onReplica.salesCount === onPrimary.salesCount - 1);
      const bExpected = await truth(replica, b);
      const bAnswer = await summary(b);
      const marked = await reads();
      check(
        '… the writer read from the primary, the company that did not write from the replica',
        delta(marked, mark, 'primary/behind') >= 1 && delta(marked, mark, 'replica') >= 1,
        `primary(behind) +${delta(marked, mark, 'primary/behind')}, replica +${delta(marked, mark, 'replica')}`,
      );
      check('… and its answer is right', bAnswer.salesCount === bExpected.salesCount);
    } finally {
      await replica.query(`SELECT pg_wal_replay_resume()`);
    }
    await caughtUp(primary, replica);
    const resumed = await reads();
    const again = await summary(a);
    const afterResume = await reads();
    const final = await truth(primary, a);
    check(
      'after the replica catches up it answers the writer again, equal to the primary',
      delta(afterResume, resumed, 'replica') >= 1 && again.salesCount === final.salesCount,
      `${again.salesCount} sales`,
    );

    // 4. An import uploaded through one process is counted, run and finished by another while the
    // first is frozen (SIGSTOP): the upload and the job live in the database, the run on the queue.
    {
      const csv = [
        'Код;Имя;Email',
        ...Array.from({ length: 500 }, (_, i) => `IMP-${i};Клиент ${i};imp${i}@example.ru`),
      ];
      const form = new FormData();
      form.append('kind', 'clients');
      form.append('file', new Blob([csv.join('\n')], { type: 'text/csv' }), 'clients.csv');
      const uploaded = (await (
        await fetch(`${API_URLS[0]}/api/companies/${a.id}/imports`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${a.token}` },
          body: form,
        })
      ).json()) as { id: string; suggestedMapping: unknown };
      process.kill(API_PIDS[0], 'SIGSTOP');
      try {
        const other = new CrmApi(API_URLS[2]).withBearer(a.token);
        const path = `/companies/${a.id}/imports/${uploaded.id}`;
        await waitFor('the upload to be counted by another process', async () => {
          const job = await other.request<{ rowsTotal: number | null }>('GET', path);
          return job.rowsTotal !== null ? true : undefined;
        });
        await other.request('POST', `${path}/run`, { mapping: uploaded.suggestedMapping });
        const job = await waitFor(
          'the import to finish on another process',
          async () => {
            const j = await other.request<{ status: string; progress: { created: number } }>('GET', path);
            return j.status === 'running' ? undefined : j;
          },
          120_000,
        );
        const { rows } = await primary.query(
          `SELECT count(*)::int AS n FROM clients WHERE company_id = $1 AND external_id LIKE 'IMP-%'`,
          [a.id],
        );
        check(
          'an import uploaded through process 1 is run by process 3 while process 1 is frozen',
          job.status === 'completed' && job.progress.created === 500 && rows[0].n === 500,
          `status ${job.status}, created ${job.progress.created}, clients ${rows[0].n}`,
        );
      } finally {
        process.kill(API_PIDS[0], 'SIGCONT');
      }
    }

    // 5. A report job whose process is killed mid-way finishes on another one. The other two are
    // frozen (SIGSTOP) until then, so the first process is the one that takes the job.
    process.kill(API_PIDS[1], 'SIGSTOP');
    process.kill(API_PIDS[2], 'SIGSTOP');
    let report: { id: string };
    const first = new CrmApi(API_URLS[0]).withBearer(a.token);
    try {
      report = await first.request<{ id: string }>('POST', `/companies/${a.id}/reports`, {
        type: 'sales-overview',
        from: FROM,
        to: TO,
      });
      await waitFor('the report job to start on process 1', async () => {
        const r = await first.request<{ status: string; progress: number }>(
          'GET',
          `/companies/${a.id}/reports/${report.id}`,
        );
        return r.status === 'running' && r.progress > 0 ? true : undefined;
      });
      process.kill(API_PIDS[0], 'SIGKILL');
      console.log(`     killed process 1 (pid ${API_PIDS[0]}) in the middle of report ${report.id}`);
    } finally {
      process.kill(API_PIDS[1], 'SIGCONT');
      process.kill(API_PIDS[2], 'SIGCONT');
    }
    const done = await waitFor(
      'the report to finish on another process',
      async () => {
        const r = await a.owner.request<{
          status: string;
          progress: number;
          result?: { summary: { kpis: { key: string; value: unknown }[] } };
        }>('GET', `/companies/${a.id}/reports/${report.id}`);
        return r.status === 'running' ? undefined : r;
      },
      120_000,
    );
    const kpi = done.result?.summary.kpis.find((k) => k.key === 'salesCount')?.value;
    check(
      'the report finished on another process after its process was killed',
      done.status === 'ready' && kpi === final.salesCount,
      `status ${done.status}, salesCount ${String(kpi)}`,
    );
  } finally {
    await primary.end();
    await replica.end();
  }
  if (failures > 0) throw new Error(`${failures} check(s) failed`);
  console.log('all scale-out checks passed');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
