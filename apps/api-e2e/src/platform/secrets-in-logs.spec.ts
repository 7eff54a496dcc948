import { JwtService } from '@nestjs/jwt';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { type ApiProcess, startApi } from '../support/api-process';
import { errorShape, PASSWORD, uniqueLogin } from '../support/client';

/**
 * Issue 9 §5: secrets and personal data never reach the logs. The API's own output is read after
 * requests that fail: a taken login (a normal 409), a duplicate external id, an API key insert and a
 * batch that the database refuses. Logs name the error's kind, the route and ids, never values.
 */
const JWT_SECRET = 'secrets-in-logs-spec-jwt-secret-0123456789abcdef';
const TRIGGER_NAME = 'crm_e2e_refuse_marked_rows';

async function sql(text: string): Promise<void> {
  const client = new Client({ connectionString: process.env['E2E_DATABASE_URL'] });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe('secrets in logs', () => {
  let api: ApiProcess;
  let dataDir: string;
  let owner: { id: string; login: string; auth: { Authorization: string }; companyId: string };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'crm-logs-'));
    api = await startApi({
      DATABASE_URL: process.env['E2E_DATABASE_URL'] as string,
      CRM_DATA_DIR: dataDir,
      DB_POOL_SIZE: '1',
      AUTH_RATE_LIMIT: '100000',
      JWT_SECRET,
      LOG_LEVEL: 'log',
    });
    const login = uniqueLogin('logs');
    const res = await request(api.url)
      .post('/api/auth/register')
      .send({ login, password: PASSWORD, companyName: 'ООО Журнал' })
      .expect(201);
    owner = {
      id: res.body.user.id,
      login,
      auth: { Authorization: `Bearer ${res.body.accessToken}` },
      companyId: res.body.company.id,
    };
    // Rows marked `refuse-me` fail in the database, as a constraint or an outage would.
    await sql(`CREATE OR REPLACE FUNCTION ${TRIGGER_NAME}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name LIKE 'refuse-me%' THEN RAISE EXCEPTION 'refused row %', NEW.name; END IF;
        RETURN NEW;
      END $$`);
    await sql(
      `CREATE TRIGGER ${TRIGGER_NAME} BEFORE INSERT ON api_keys FOR EACH ROW EXECUTE FUNCTION ${TRIGGER_NAME}()`,
    );
    await sql(
      `CREATE TRIGGER ${TRIGGER_NAME} BEFORE INSERT ON clients FOR EACH ROW EXECUTE FUNCTION ${TRIGGER_NAME}()`,
    );
  });

  afterAll(async () => {
    await sql(`DROP TRIGGER IF EXISTS ${TRIGGER_NAME} ON api_keys`).catch(() => undefined);
    await sql(`DROP TRIGGER IF EXISTS ${TRIGGER_NAME} ON clients`).catch(() => undefined);
    await sql(`DROP FUNCTION IF EXISTS ${TRIGGER_NAME}()`).catch(() => undefined);
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What the API printed while `act` ran. */
  async function outputOf(act: () => Promise<unknown>): Promise<string> {
    const before = api.output().length;
    await act();
    await new Promise((r) => setTimeout(r, 200));
    return api.output().slice(before);
  }

  it('a taken-login registration is a 409 that logs nothing (no password hash)', async () => {
    const output = await outputOf(() =>
      request(api.url)
        .post('/api/auth/register')
        .send({ login: owner.login, password: 'another-secret-password' })
        .expect(409),
    );
    expect(output).not.toContain('$argon2');
    expect(output).not.toContain('another-secret-password');
    expect(output).not.toMatch(/ERROR/);
  });

  it('a duplicate external id is a 409 that logs neither SQL parameters nor the client name', async () => {
    const url = `/api/companies/${owner.companyId}/clients`;
    await request(api.url).post(url).set(owner.auth).send({ externalId: 'DUP-1', name: 'Первый' }).expect(201);
    const output = await outputOf(() =>
      request(api.url).post(url).set(owner.auth).send({ externalId: 'DUP-1', name: 'Секретова Анна' }).expect(409),
    );
    expect(output).not.toContain('Секретова');
    expect(output).not.toContain('DUP-1');
    expect(output).not.toMatch(/PARAMETERS|INSERT INTO/);
  });

  it('a failed API key insert logs its kind and route, not the key hash or sealed secret', async () => {
    const output = await outputOf(async () => {
      const res = await request(api.url)
        .post(`/api/companies/${owner.companyId}/api-keys`)
        .set(owner.auth)
        .send({ name: 'refuse-me key' });
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect(res.body).toEqual(errorShape(res.status));
    });
    expect(output).toContain('POST /api/companies/:companyId/api-keys');
    expect(output).toContain('P0001');
    expect(output).toContain(`company=${owner.companyId}`);
    expect(output).not.toContain('refuse-me');
    expect(output).not.toMatch(/PARAMETERS|INSERT INTO|[0-9a-f]{64}/);
  });

  it('a failed batch logs its kind and route, not its payload', async () => {
    const key = await request(api.url)
      .post(`/api/companies/${owner.companyId}/api-keys`)
      .set(owner.auth)
      .send({ name: 'Журнал' })
      .expect(201);
    const items = Array.from({ length: 50 }, (_, i) => ({ externalId: `LOG-${i}`, name: `Клиентова Мария ${i}` }));
    items.push({ externalId: 'LOG-X', name: 'refuse-me client' });
    const output = await outputOf(async () => {
      const res = await request(api.url).post('/api/v1/clients/batch').set('X-API-Key', key.body.key).send({ items });
      expect(res.status).toBeGreaterThanOrEqual(500);
    });
    expect(output).toContain('POST /api/v1/clients/batch');
    expect(output).not.toContain('Клиентова');
    expect(output).not.toContain('LOG-1');
    expect(output.length).toBeLessThan(5_000);
  });

  it('a correctly signed token without exp is refused with 401', async () => {
    const jwt = new JwtService({ secret: JWT_SECRET, signOptions: { algorithm: 'HS256' } });
    const forever = jwt.sign({ sub: owner.id, login: owner.login });
    const res = await request(api.url).get('/api/me').set('Authorization', `Bearer ${forever}`);
    expect({ status: res.status, body: res.body }).toEqual({ status: 401, body: errorShape(401) });
    const expiring = jwt.sign({ sub: owner.id, login: owner.login }, { expiresIn: 60 });
    await request(api.url).get('/api/me').set('Authorization', `Bearer ${expiring}`).expect(200);
  });
});
