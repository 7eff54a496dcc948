import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { ApiProcess } from '../support/api-process';
import { onPostgres, ownDatabase, startOwnApi } from './own-api';
import { smtpSink } from './smtp-sink';

/**
 * The durable side of reports, on an API process of this spec's own (its own database, a clock it
 * controls, an SMTP sink): a generation survives the API being stopped mid-way, a generation that
 * keeps failing ends `failed` with its reason, a schedule fires at its time in the company's time
 * zone and mails the PDF, and a run without data says so instead of mailing.
 */

const clockFile = join(mkdtempSync(join(tmpdir(), 'crm-clock-')), 'now');
let db: Awaited<ReturnType<typeof ownDatabase>>;
let sink: Awaited<ReturnType<typeof smtpSink>>;
let apiProcess: ApiProcess;
let env: Record<string, string>;
const http = () => request(apiProcess.url);

interface Owner {
  login: string;
  companyId: string;
  userId: string;
  auth: { Authorization: string };
  key: string;
}

async function owner(company: string): Promise<Owner> {
  const login = `owner.${randomBytes(4).toString('hex')}@example.ru`;
  const res = await http()
    .post('/api/auth/register')
    .send({ login, password: 'correct-horse-battery', companyName: company })
    .expect(201);
  const auth = { Authorization: `Bearer ${res.body.accessToken}` };
  const companyId = res.body.company.id;
  await http().patch(`/api/companies/${companyId}`).set(auth).send({ timeZone: 'Europe/Moscow' }).expect(200);
  const key = await http().post(`/api/companies/${companyId}/api-keys`).set(auth).send({ name: 'e2e' }).expect(201);
  return { login, companyId, userId: res.body.user.id, auth, key: key.body.key };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}\n${apiProcess.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const report = (o: Owner, id: string) => http().get(`/api/companies/${o.companyId}/reports/${id}`).set(o.auth);
const finished = (o: Owner, id: string) =>
  waitFor(`report ${id}`, async () => {
    const res = await report(o, id).expect(200);
    return res.body.status === 'running' ? undefined : res.body;
  });

let shop: Owner;

beforeAll(async () => {
  db = await ownDatabase();
  sink = await smtpSink();
  env = {
    ...db.env,
    JOBS_POLL_SECONDS: '0.5',
    JOBS_MAINTENANCE_SECONDS: '1',
    REPORT_JOB_EXPIRE_SECONDS: '20',
    REPORTS_TEST_STAGE_DELAY_MS: '700',
    REPORTS_TEST_FAIL_STAGE: 'seasonality',
    CRM_TEST_CLOCK_FILE: clockFile,
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    MAIL_FROM: 'CRM <reports@example.ru>',
  };
  apiProcess = await startOwnApi(env);
  shop = await owner('ООО «Расписание»');
  const clients = Array.from({ length: 5 }, (_, i) => ({ externalId: `C${i}`, name: `Покупатель ${i}` }));
  await http().post('/api/v1/clients/batch').set('X-API-Key', shop.key).send({ items: clients }).expect(200);
  const sales = Array.from({ length: 40 }, (_, i) => ({
    externalId: `S${i}`,
    clientExternalId: `C${i % 5}`,
    amount: `${100 + i}.00`,
    currency: 'RUB',
    soldAt: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T12:00:00+03:00`,
    items: [{ sku: `P${i % 4}`, name: `Товар ${i % 4}`, quantity: 1, unitPrice: `${100 + i}.00` }],
  }));
  await http().post('/api/v1/sales/batch').set('X-API-Key', shop.key).send({ items: sales }).expect(200);
}, 240_000);

afterAll(async () => {
  await apiProcess?.stop();
  await sink?.close();
  await db?.drop();
});

it('finishes a generation after the API was stopped in the middle of it, and answers 409 to an export meanwhile', async () => {
  const created = await http()
    .post(`/api/companies/${shop.companyId}/reports`)
    .set(shop.auth)
    .send({ type: 'sales-overview', from: '2026-11-01', to: '2026-11-30' })
    .expect(201);
  expect(created.body.status).toBe('running');
  await http()
    .get(`/api/companies/${shop.companyId}/reports/${created.body.id}/export`)
    .set(shop.auth)
    .query({ format: 'pdf' })
    .expect(409)
    .expect((r) => expect(r.body).toMatchObject({ statusCode: 409, code: 'report_not_ready' }));
  // Mid-way: the job has started (a stage is recorded) and is not done.
  await waitFor('the job to start', async () => {
    const res = await report(shop, created.body.id).expect(200);
    return res.body.progress > 0 && res.body.status === 'running' ? true : undefined;
  });
  // A crash on the server (SIGKILL: nothing is cleaned up); the embedded database is stopped
  // cleanly (SIGTERM), its files must stay consistent.
  await apiProcess.stop(onPostgres() ? 'SIGKILL' : 'SIGTERM');
  apiProcess = await startOwnApi(env);
  const done = await finished(shop, created.body.id);
  expect(done).toMatchObject({ status: 'ready', progress: 1, error: null });
  expect(done.result.summary.kpis.find((k: { key: string }) => k.key === 'salesCount').value).toBe(40);
  await http()
    .get(`/api/companies/${shop.companyId}/reports/${created.body.id}/export`)
    .set(shop.auth)
    .query({ format: 'csv' })
    .expect(200);
}, 240_000);

it('ends a generation that fails on every try as `failed`, saying why', async () => {
  const created = await http()
    .post(`/api/companies/${shop.companyId}/reports`)
    .set(shop.auth)
    .send({ type: 'sales-trends', from: '2026-11-01', to: '2026-11-30' })
    .expect(201);
  const done = await finished(shop, created.body.id);
  expect(done.status).toBe('failed');
  expect(done.error).toBe('Simulated failure at stage seasonality');
  expect(done.result).toBeNull();
  await http()
    .get(`/api/companies/${shop.companyId}/reports/${created.body.id}/export`)
    .set(shop.auth)
    .query({ format: 'xlsx' })
    .expect(409);
}, 240_000);

it('fires a weekly schedule at 09:00 Moscow time, keeps the run as a snapshot and mails the PDF; a run without data says so', async () => {
  const empty = await owner('ООО «Пусто»');
  const withData = await http()
    .post(`/api/companies/${shop.companyId}/reports`)
    .set(shop.auth)
    .send({ type: 'sales-overview', preset: 'last-30-days', title: 'Еженедельный отчёт' })
    .expect(201);
  const noData = await http()
    .post(`/api/companies/${empty.companyId}/reports`)
    .set(empty.auth)
    .send({ type: 'sales-overview', from: '2026-11-01', to: '2026-11-30' })
    .expect(201);
  await finished(shop, withData.body.id);
  await finished(empty, noData.body.id);

  // Sunday 2026-12-06, 08:59:56 in Moscow.
  writeFileSync(clockFile, '2026-12-06T05:59:56.000Z');
  const schedule = { frequency: 'weekly', weekday: 7, time: '09:00' };
  const put = await http()
    .put(`/api/companies/${shop.companyId}/reports/${withData.body.id}/schedule`)
    .set(shop.auth)
    .send({ ...schedule, recipients: [shop.userId] })
    .expect(200);
  expect(put.body).toMatchObject({ timeZone: 'Europe/Moscow', nextRunAt: '2026-12-06T06:00:00.000Z', lastRunAt: null });
  await http()
    .put(`/api/companies/${empty.companyId}/reports/${noData.body.id}/schedule`)
    .set(empty.auth)
    .send({ ...schedule, recipients: [empty.userId] })
    .expect(200);

  const runs = (o: Owner, id: string) =>
    waitFor(`a finished run of ${id}`, async () => {
      const res = await http().get(`/api/companies/${o.companyId}/reports/${id}/runs`).set(o.auth).expect(200);
      const run = res.body.items[0];
      return run && run.status !== 'running' && run.delivery ? res.body.items : undefined;
    });
  const [run] = await runs(shop, withData.body.id);
  expect(run).toMatchObject({
    status: 'ready',
    scheduledFor: '2026-12-06T06:00:00.000Z',
    from: '2026-11-07',
    to: '2026-12-06',
    noData: false,
    delivery: 'sent',
    mailedTo: [shop.login],
    error: null,
  });
  const mail = sink.messages.find((m) => m.to.includes(shop.login));
  expect(mail).toBeDefined();
  expect(mail?.from).toBe('reports@example.ru');
  expect(mail?.data).toMatch(/Content-Type: application\/pdf/i);
  const base64 = /Content-Transfer-Encoding: base64\r\n(?:[^\r\n]+\r\n)*\r\n([A-Za-z0-9+/=\r\n]+)/.exec(
    mail?.data.slice(mail.data.search(/application\/pdf/i)) ?? '',
  )?.[1];
  expect(
    Buffer.from((base64 ?? '').replace(/\s/g, ''), 'base64')
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  // The run is the report's latest snapshot now, and the schedule moved on a week.
  const latest = await report(shop, withData.body.id).expect(200);
  expect(latest.body.snapshotId).toBe(run.id);
  expect(latest.body.schedule).toMatchObject({
    nextRunAt: '2026-12-13T06:00:00.000Z',
    lastRunAt: '2026-12-06T06:00:00.000Z',
  });

  const [emptyRun] = await runs(empty, noData.body.id);
  expect(emptyRun).toMatchObject({ status: 'ready', noData: true, delivery: 'no-data', mailedTo: [] });
  expect(sink.messages.some((m) => m.to.includes(empty.login))).toBe(false);
  const shown = await report(empty, noData.body.id).query({ snapshot: emptyRun.id }).expect(200);
  expect(shown.body.result.summary.noData).toBe(true);
  expect(shown.body.result.insights[0].code).toBe('no-data');
}, 240_000);
