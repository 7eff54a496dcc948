import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { type ApiProcess, startApi } from '../support/api-process';
import { PASSWORD, uniqueLogin } from '../support/client';

/**
 * Issue 14, operations: JSON logs with request ids and no secrets or personal data, Prometheus
 * metrics by route template, liveness and readiness.
 */
const METRICS_TOKEN = 'observability-spec-metrics-token';

describe('observability', () => {
  let api: ApiProcess;
  let dataDir: string;
  let owner: { token: string; companyId: string } | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'crm-observability-'));
    api = await startApi({
      DATABASE_URL: process.env['E2E_DATABASE_URL'] as string,
      CRM_DATA_DIR: dataDir,
      AUTH_RATE_LIMIT: '100000',
      LOG_LEVEL: 'log',
      METRICS_TOKEN,
    });
  });

  afterAll(async () => {
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The JSON lines the API printed while `act` ran. */
  async function linesOf(act: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
    const before = api.output().length;
    await act();
    await new Promise((r) => setTimeout(r, 300));
    const text = api.output().slice(before);
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('logs each request as one JSON line with its request id, path without query, status; never tokens or search words', async () => {
    const login = uniqueLogin('obs');
    let token = '';
    let companyId = '';
    let requestId = '';
    const lines = await linesOf(async () => {
      const res = await request(api.url)
        .post('/api/auth/register')
        .send({ login, password: PASSWORD, companyName: 'ООО Наблюдение' })
        .expect(201);
      token = res.body.accessToken;
      companyId = res.body.company.id;
      const list = await request(api.url)
        .get(`/api/companies/${companyId}/clients?q=${encodeURIComponent('Секретова')}`)
        .set('Authorization', `Bearer ${token}`)
        .set('X-Request-Id', 'trace-123')
        .expect(200);
      requestId = list.headers['x-request-id'];
    });
    expect(requestId).toBe('trace-123');
    owner = { token, companyId };
    const listLine = lines.find((l) => (l['req'] as { id?: string } | undefined)?.id === 'trace-123');
    expect(listLine).toMatchObject({
      level: 30,
      req: { method: 'GET', path: `/api/companies/${companyId}/clients` },
      res: { statusCode: 200 },
    });
    expect(typeof listLine?.['responseTime']).toBe('number');
    const text = JSON.stringify(lines);
    expect(text).not.toContain('Секретова');
    expect(text).not.toContain(encodeURIComponent('Секретова'));
    expect(text).not.toContain(token);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(login);
  });

  it('makes a request id when none (or a malformed one) is sent', async () => {
    const res = await request(api.url).get('/api/health').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus metrics to a scrape with the token, labelled by route template', async () => {
    const key = await request(api.url)
      .post(`/api/companies/${owner?.companyId}/api-keys`)
      .set('Authorization', `Bearer ${owner?.token}`)
      .send({ name: 'Метрики' })
      .expect(201);
    await request(api.url)
      .post('/api/v1/clients/batch')
      .set('X-API-Key', key.body.key)
      .send({
        items: [{ externalId: 'M-1', name: 'Первый' }, { externalId: 'M-2', name: 'Второй' }, { name: 'без id' }],
      })
      .expect(200);
    await request(api.url).get('/api/metrics').expect(401);
    await request(api.url).get('/api/metrics').set('Authorization', 'Bearer wrong').expect(401);
    const res = await request(api.url).get('/api/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(
      /crm_http_request_duration_seconds_count\{method="GET",route="\/api\/companies\/:companyId\/clients",status="200"\} [1-9]/,
    );
    expect(res.text).toContain('crm_ingested_records_total{kind="clients",outcome="created"} 2');
    expect(res.text).toContain('crm_ingested_records_total{kind="clients",outcome="failed"} 1');
    expect(res.text).toMatch(/crm_db_pool_connections\{state="total"\} \d+/);
    expect(res.text).toContain('process_resident_memory_bytes');
    // No concrete ids in any label.
    expect(res.text).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('answers liveness and readiness', async () => {
    await request(api.url).get('/api/health/live').expect(200, { status: 'ok' });
    await request(api.url).get('/api/health/ready').expect(200, { status: 'ok', database: 'up' });
  });
});
