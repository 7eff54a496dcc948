import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { type ApiProcess, startApi } from '../support/api-process';
import { PASSWORD, uniqueLogin } from '../support/client';
import { binary, type ImportJob, readCsv } from './imports-support';

/**
 * Issue 14, stateless API: an import lives in the database and runs on the job queue, so any API
 * process on the same database serves it. Separate API processes of this spec share the run's
 * database (the embedded one through its socket server, or TEST_DATABASE_URL).
 */
const onPostgres = Boolean(process.env['TEST_DATABASE_URL']);
/** Replicas share their secrets (a token one signs, another accepts), as in any deployment. */
const secrets = { JWT_SECRET: randomBytes(32).toString('hex'), KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex') };

function env(): Record<string, string> {
  return {
    ...secrets,
    DATABASE_URL: process.env['E2E_DATABASE_URL'] as string,
    CRM_DATA_DIR: mkdtempSync(join(tmpdir(), 'crm-replica-')),
    DB_POOL_SIZE: onPostgres ? '4' : '1',
    AUTH_RATE_LIMIT: '100000',
    JOBS_POLL_SECONDS: '0.5',
    JOBS_MAINTENANCE_SECONDS: '1',
    // A dead process's slice is retried elsewhere after this; slices last half of it.
    REPORT_JOB_EXPIRE_SECONDS: '6',
    // Slow checkpoints, so that a process can be stopped in the middle of an import.
    IMPORTS_TEST_BATCH_DELAY_MS: '250',
  };
}

const started: ApiProcess[] = [];
async function replica(): Promise<ApiProcess> {
  const api = await startApi(env(), 120_000);
  started.push(api);
  return api;
}

afterAll(async () => {
  // A process already stopped (or killed: its exit code stays null) is not waited for again.
  for (const api of started) if (api.process.exitCode === null && api.process.signalCode === null) await api.stop();
});

interface Owner {
  companyId: string;
  auth: { Authorization: string };
}

async function owner(api: ApiProcess): Promise<Owner> {
  const res = await request(api.url)
    .post('/api/auth/register')
    .send({ login: uniqueLogin('replica'), password: PASSWORD, companyName: 'ООО Реплики' })
    .expect(201);
  return { companyId: res.body.company.id, auth: { Authorization: `Bearer ${res.body.accessToken}` } };
}

const imports = (o: Owner) => `/api/companies/${o.companyId}/imports`;

function clientsFile(rows: number, bad: number[] = []): Buffer {
  const lines = Array.from({ length: rows }, (_, i) =>
    bad.includes(i) ? `R-${i};Клиент ${i};not-an-email` : `R-${i};Клиент ${i};client${i}@example.ru`,
  );
  return Buffer.from(['Код;Имя;Email', ...lines].join('\n'), 'utf8');
}

const upload = (api: ApiProcess, o: Owner, file: Buffer) =>
  request(api.url)
    .post(imports(o))
    .set(o.auth)
    .field('kind', 'clients')
    .attach('file', file, { filename: 'clients.csv', contentType: 'text/csv' })
    .expect(201);

async function waitFor(api: ApiProcess, o: Owner, id: string, done: (job: ImportJob) => boolean): Promise<ImportJob> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await request(api.url)
      .get(`${imports(o)}/${id}`)
      .set(o.auth)
      .expect(200);
    if (done(res.body)) return res.body as ImportJob;
    if (Date.now() > deadline)
      throw new Error(`import ${id} stuck at ${JSON.stringify(res.body)}\n${api.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function clientCount(companyId: string): Promise<number> {
  const db = new Client({ connectionString: process.env['E2E_DATABASE_URL'] });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM clients WHERE company_id = $1`, [companyId]);
    return rows[0].n as number;
  } finally {
    await db.end();
  }
}

describe('imports across API processes', () => {
  it('processes on a second API process an upload the first one received; another company gets 404', async () => {
    const first = await replica();
    const second = await replica();
    const shop = await owner(first);
    const uploaded = (await upload(first, shop, clientsFile(2500, [7, 1500])).expect(201)).body as ImportJob;
    // The process that received the file is gone: nothing of the import was on its disk.
    await first.stop();

    const counted = await waitFor(second, shop, uploaded.id, (job) => job.rowsTotal !== null);
    expect(counted).toMatchObject({ status: 'uploaded', rowsTotal: 2500, columns: ['Код', 'Имя', 'Email'] });
    const preview = await request(second.url)
      .post(`${imports(shop)}/${uploaded.id}/preview`)
      .set(shop.auth)
      .send({ mapping: uploaded.suggestedMapping, rows: 10 })
      .expect(200);
    expect(preview.body).toMatchObject({ valid: 9, invalid: 1 });

    await request(second.url)
      .post(`${imports(shop)}/${uploaded.id}/run`)
      .set(shop.auth)
      .send({ mapping: uploaded.suggestedMapping })
      .expect(202);
    const done = await waitFor(second, shop, uploaded.id, (job) => job.status !== 'running');
    expect(done.status).toBe('completed');
    expect(done.progress).toEqual({
      rowsDone: 2500,
      created: 2498,
      updated: 0,
      unchanged: 0,
      failed: 2,
      rejectedRows: 2,
    });
    expect(await clientCount(shop.companyId)).toBe(2498);

    const report = await request(second.url)
      .get(`${imports(shop)}/${uploaded.id}/rejected`)
      .set(shop.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const [header, ...rows] = readCsv(report.body as Buffer, ';');
    expect(header).toEqual(['Код', 'Имя', 'Email', 'import line', 'import errors']);
    expect(rows.map((r) => [r[0], r[3]])).toEqual([
      ['R-7', '9'],
      ['R-1500', '1502'],
    ]);

    const stranger = await owner(second);
    for (const path of [`${imports(shop)}/${uploaded.id}`, `${imports(stranger)}/${uploaded.id}`]) {
      await request(second.url).get(path).set(stranger.auth).expect(404);
    }
    await request(second.url)
      .get(`${imports(stranger)}/${uploaded.id}/rejected`)
      .set(stranger.auth)
      .expect(404);
    await request(second.url)
      .post(`${imports(stranger)}/${uploaded.id}/run`)
      .set(stranger.auth)
      .send({ mapping: uploaded.suggestedMapping })
      .expect(404);
    await request(second.url)
      .delete(`${imports(stranger)}/${uploaded.id}`)
      .set(stranger.auth)
      .expect(404);
    expect((await request(second.url).get(imports(stranger)).set(stranger.auth).expect(200)).body).toEqual([]);
    await second.stop();
  });

  it(`resumes on another process an import whose process ${onPostgres ? 'died' : 'stopped'} in the middle`, async () => {
    const first = await replica();
    const shop = await owner(first);
    const rowsInFile = 12_000;
    const uploaded = (await upload(first, shop, clientsFile(rowsInFile)).expect(201)).body as ImportJob;
    await request(first.url)
      .post(`${imports(shop)}/${uploaded.id}/run`)
      .set(shop.auth)
      .send({ mapping: uploaded.suggestedMapping })
      .expect(202);
    const midway = await waitFor(first, shop, uploaded.id, (job) => job.progress.rowsDone >= 2000);
    expect(midway.status).toBe('running');
    // On PostgreSQL the process is killed outright; the embedded database is one session shared by
    // every process of the run, so there it stops gracefully (it saves a checkpoint and hands over).
    await first.stop(onPostgres ? 'SIGKILL' : 'SIGTERM');

    const second = await replica();
    const done = await waitFor(second, shop, uploaded.id, (job) => job.status !== 'running');
    expect(done.status).toBe('completed');
    expect(done.error).toBeNull();
    expect(done.progress.rowsDone).toBe(rowsInFile);
    expect(done.progress.failed).toBe(0);
    // A batch written just before the kill, whose checkpoint was lost, comes back unchanged.
    expect(done.progress.created + done.progress.unchanged).toBe(rowsInFile);
    expect(done.progress.created).toBeGreaterThanOrEqual(midway.progress.created);
    expect(await clientCount(shop.companyId)).toBe(rowsInFile);
    await second.stop();
  });
});
