import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { type ApiProcess, startApi } from '../support/api-process';
import { PASSWORD, uniqueLogin } from '../support/client';
import { clientItem, companyWithKey, pushClients, pushSales, saleItem } from '../support/crm';

/**
 * Issue 14: `npm run db:backup` / `db:restore` round trips, compared by counts and sums. The embedded
 * database is backed up with the API stopped, changed, restored, and the API answers as before; a
 * server database (when the suite runs on one) is dumped and restored into a scratch database.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');

function script(command: 'db:backup' | 'db:restore', file: string, env: Record<string, string>): string {
  return execFileSync('npm', ['run', '-s', command, '--', file], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function snapshot(url: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const counts = await client.query(`SELECT
        (SELECT count(*) FROM clients) AS clients,
        (SELECT count(*) FROM sales) AS sales,
        (SELECT coalesce(sum(amount), 0) FROM sales) AS amount,
        (SELECT count(*) FROM sale_items) AS items,
        (SELECT count(*) FROM users) AS users,
        (SELECT count(*) FROM api_keys) AS keys,
        (SELECT count(*) FROM pg_policies WHERE policyname = 'tenant') AS policies`);
    return counts.rows[0];
  } finally {
    await client.end();
  }
}

describe('database backup and restore', () => {
  it('round-trips the embedded database: a change made after the backup is gone after the restore', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crm-backup-'));
    const file = join(dataDir, 'backup.tar.gz');
    let api: ApiProcess | undefined;
    try {
      // The API with its own embedded database (no DATABASE_URL).
      const env = { DATABASE_URL: '', CRM_DATA_DIR: dataDir, AUTH_RATE_LIMIT: '100000' };
      api = await startApi(env);
      const reg = await request(api.url)
        .post('/api/auth/register')
        .send({ login: uniqueLogin('backup'), password: PASSWORD, companyName: 'ООО Копия' })
        .expect(201);
      const auth = { Authorization: `Bearer ${reg.body.accessToken}` };
      const companyId = reg.body.company.id as string;
      const key = (
        await request(api.url)
          .post(`/api/companies/${companyId}/api-keys`)
          .set(auth)
          .send({ name: 'Магазин' })
          .expect(201)
      ).body.key as string;
      const v1 = (path: string, items: unknown[]) =>
        request(api!.url).post(`/api/v1/${path}/batch`).set('X-API-Key', key).send({ items }).expect(200);
      await v1(
        'clients',
        Array.from({ length: 20 }, (_, i) => clientItem(`C-${i}`, { name: `Клиент ${i}` })),
      );
      await v1(
        'sales',
        Array.from({ length: 50 }, (_, i) => saleItem(`S-${i}`, `C-${i % 20}`, { amount: `${100 + i}.25` })),
      );
      const summaryOf = async () =>
        (
          await request(api!.url)
            .get(`/api/companies/${companyId}/analytics/summary`)
            .set(auth)
            .query({ from: '2026-11-01', to: '2026-11-30' })
            .expect(200)
        ).body;
      const before = await summaryOf();
      expect(before.salesCount).toBe(50);
      await api.stop();

      expect(script('db:backup', file, { CRM_DATA_DIR: dataDir })).toContain('Backed up to');

      api = await startApi(env);
      await v1('sales', [saleItem('S-after-backup', 'C-1', { amount: '999.00' })]);
      expect((await summaryOf()).salesCount).toBe(51);
      // Refused while the API holds the database open.
      expect(() => script('db:backup', join(dataDir, 'open.tar.gz'), { CRM_DATA_DIR: dataDir })).toThrow();
      await api.stop();

      expect(script('db:restore', file, { CRM_DATA_DIR: dataDir })).toContain('Restored from');
      api = await startApi(env);
      expect(await summaryOf()).toEqual(before);
    } finally {
      await api?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  const serverUrl = process.env['TEST_DATABASE_URL'];
  (serverUrl ? it : it.skip)(
    'round-trips a server database into another database, counts and sums equal',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'crm-backup-pg-'));
      const scratch = `crm_restore_${process.pid}`;
      const admin = new Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${scratch}`);
        await admin.query(`CREATE DATABASE ${scratch}`);
        const target = new URL(serverUrl as string);
        target.pathname = `/${scratch}`;
        const file = join(dir, 'backup.dump');
        const { apiKey } = await companyWithKey('ООО Сервер');
        await pushClients(apiKey.key, [clientItem('PG-1', { name: 'Сервер' })]).expect(200);
        await pushSales(apiKey.key, [saleItem('PG-S1', 'PG-1', { amount: '123.45' })]).expect(200);
        script('db:backup', file, { DATABASE_URL: process.env['E2E_DATABASE_URL'] as string });
        script('db:restore', file, { DATABASE_URL: target.toString() });
        const original = await snapshot(process.env['E2E_DATABASE_URL'] as string);
        expect(Number(original.sales)).toBeGreaterThan(0);
        expect(Number(original.policies)).toBeGreaterThan(10);
        expect(await snapshot(target.toString())).toEqual(original);
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`).catch(() => undefined);
        await admin.end();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
