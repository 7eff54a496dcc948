import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startApi } from '../support/api-process';
import { api, errorShape, PASSWORD, uniqueLogin } from '../support/client';

/** Every Identity row of CONTRACT.md, as the OpenAPI document must list it. */
const IDENTITY_ROUTES: [string, string][] = [
  ['post', '/api/auth/register'],
  ['post', '/api/auth/login'],
  ['post', '/api/auth/refresh'],
  ['post', '/api/auth/logout'],
  ['get', '/api/me'],
  ['post', '/api/companies'],
  ['get', '/api/companies'],
  ['get', '/api/companies/{companyId}'],
  ['patch', '/api/companies/{companyId}'],
  ['get', '/api/companies/{companyId}/members'],
  ['post', '/api/companies/{companyId}/members'],
  ['get', '/api/companies/{companyId}/invitations'],
  ['delete', '/api/companies/{companyId}/invitations/{invitationId}'],
  ['get', '/api/me/invitations'],
  ['post', '/api/me/invitations/{invitationId}/accept'],
  ['post', '/api/me/invitations/{invitationId}/decline'],
  ['get', '/api/companies/{companyId}/api-keys'],
  ['post', '/api/companies/{companyId}/api-keys'],
  ['get', '/api/companies/{companyId}/api-keys/{id}/reveal'],
  ['post', '/api/companies/{companyId}/api-keys/{id}/rotate'],
  ['delete', '/api/companies/{companyId}/api-keys/{id}'],
];

describe('platform', () => {
  it('reports health with the database', async () => {
    const res = await api().get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('keeps an idle connection open longer than a proxy keeps its upstream connections', async () => {
    // nginx keeps idle upstream connections up to 60 s; Node's default 5 s made it send requests
    // on connections the API was closing (a 502 for a POST in the scale-out check's load).
    const res = await api().get('/api/health').set('Connection', 'keep-alive').expect(200);
    expect(res.headers['keep-alive']).toBe('timeout=65');
  });

  it('answers unknown routes with the contract error shape', async () => {
    const res = await api().get('/api/no-such-route').expect(404);
    expect(res.body).toEqual(errorShape(404));
  });

  it('serves Swagger UI and an OpenAPI document listing every Identity route with schemas', async () => {
    await api().get('/api/docs').expect(200).expect('Content-Type', /html/);
    const doc = (await api().get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['api-key', 'bearer']);
    expect(doc.components.securitySchemes['api-key']).toEqual({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    for (const [method, path] of IDENTITY_ROUTES) {
      const op = doc.paths[path]?.[method];
      expect({ route: `${method} ${path}`, documented: Boolean(op) }).toEqual({
        route: `${method} ${path}`,
        documented: true,
      });
      const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
      expect(success).toBeDefined();
    }
    const register = doc.components.schemas.RegisterDto;
    expect(register.required).toEqual(['login', 'password']);
    expect(register.properties.login.example).toEqual(expect.any(String));
    expect(doc.components.schemas.ErrorResponse.properties).toHaveProperty('details');
  });

  it('rate-limits /api/auth per address with 429 and Retry-After', async () => {
    const limited = await startApi({
      DATABASE_URL: process.env['E2E_DATABASE_URL'] as string,
      CRM_DATA_DIR: process.env['E2E_DATA_DIR'] as string,
      DB_POOL_SIZE: '1',
      AUTH_RATE_LIMIT: '3',
    });
    try {
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 5; i++) {
        const res = await request(limited.url)
          .post('/api/auth/login')
          .send({ login: uniqueLogin(), password: PASSWORD });
        statuses.push(res.status);
        retryAfter ??= res.headers['retry-after'];
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });
});

describe('embedded database', () => {
  it('keeps data across a graceful restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crm-embedded-'));
    try {
      const first = await startApi({ CRM_DATA_DIR: dataDir, DB_POOL_SIZE: '2' }, 120_000);
      const login = uniqueLogin();
      await request(first.url)
        .post('/api/auth/register')
        .send({ login, password: PASSWORD, companyName: 'Persisted' })
        .expect(201);
      expect(await first.stop('SIGTERM')).toBe(0);

      const second = await startApi({ CRM_DATA_DIR: dataDir, DB_POOL_SIZE: '2' }, 120_000);
      try {
        const res = await request(second.url).post('/api/auth/login').send({ login, password: PASSWORD }).expect(200);
        const me = await request(second.url)
          .get('/api/me')
          .set('Authorization', `Bearer ${res.body.accessToken}`)
          .expect(200);
        expect(me.body.companies).toEqual([expect.objectContaining({ name: 'Persisted', role: 'owner' })]);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('configuration', () => {
  it('refuses to start in production without the secrets, naming them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crm-prod-'));
    try {
      await expect(
        startApi(
          {
            NODE_ENV: 'production',
            CRM_DATA_DIR: dataDir,
            DATABASE_URL: process.env['E2E_DATABASE_URL'] as string,
            JWT_SECRET: '',
            KEY_ENCRYPTION_SECRET: '',
          },
          20_000,
        ),
      ).rejects.toThrow(/JWT_SECRET and KEY_ENCRYPTION_SECRET must be set in production/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start with an invalid variable', async () => {
    await expect(startApi({ PORT_IGNORED: '1', DB_POOL_SIZE: 'many' }, 20_000)).rejects.toThrow(/DB_POOL_SIZE/);
  });
});
