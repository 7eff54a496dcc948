import request from 'supertest';
import { type ApiProcess, startApi } from '../support/api-process';
import { errorShape } from '../support/client';
import { clientItem, companyWithKey, pushClients, readFeed, saleItem } from '../support/crm';
import { dealItem } from '../deals-integration/deals';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const LIMIT = 2;

/**
 * A request each `/api/v1` operation answers with 2xx for a fresh key. A route added to the
 * integration API without an entry here fails the first test: add one, and the route is proven
 * to be rate limited like the others.
 */
const SAMPLES: Record<string, (test: request.Test, i: number) => request.Test> = {
  'GET /api/v1/company': (t) => t,
  'GET /api/v1/clients': (t) => t,
  'POST /api/v1/clients/batch': (t, i) => t.send({ items: [clientItem(`RL-${i}`)] }),
  'GET /api/v1/sales': (t) => t,
  'POST /api/v1/sales/batch': (t, i) => t.send({ items: [saleItem(`RL-S-${i}`, 'RL-BUYER')] }),
  'GET /api/v1/deals': (t) => t,
  'POST /api/v1/deals/batch': (t, i) => t.send({ items: [dealItem(`RL-D-${i}`, 'RL-BUYER')] }),
};

/** The /api/v1 operations the running API documents, e.g. `POST /api/v1/clients/batch`. */
function v1Operations(doc: Json): { name: string; method: (typeof METHODS)[number]; path: string }[] {
  return Object.entries(doc['paths'] as Json)
    .filter(([path]) => path.startsWith('/api/v1/'))
    .flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ name: `${method.toUpperCase()} ${path}`, method, path })),
    );
}

describe('integration API rate limit (/api/v1/*, per API key)', () => {
  let limited: ApiProcess;
  let operations: ReturnType<typeof v1Operations>;

  beforeAll(async () => {
    limited = await startApi({
      DATABASE_URL: process.env['E2E_DATABASE_URL'] as string,
      CRM_DATA_DIR: process.env['E2E_DATA_DIR'] as string,
      DB_POOL_SIZE: process.env['TEST_DATABASE_URL'] ? '2' : '1',
      INTEGRATION_RATE_LIMIT: String(LIMIT),
    });
    operations = v1Operations((await request(limited.url).get('/api/docs-json').expect(200)).body);
  });

  afterAll(async () => {
    await limited?.stop();
  });

  it('has a sample request for every documented /api/v1 operation', () => {
    expect(operations.map((o) => o.name).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it('answers every /api/v1 route with 429, the error shape and Retry-After once a key used its limit', async () => {
    expect(operations.length).toBeGreaterThanOrEqual(Object.keys(SAMPLES).length);
    const seen: { name: string; statuses: number[]; retryAfter: number }[] = [];
    for (const { name, method, path } of operations) {
      const sample = SAMPLES[name];
      if (!sample) throw new Error(`no sample request for ${name}`);
      // A key of its own per route: what is limited is this route, not the key's earlier requests.
      const { apiKey } = await companyWithKey();
      if (name === 'POST /api/v1/sales/batch' || name === 'POST /api/v1/deals/batch')
        await pushClients(apiKey.key, [clientItem('RL-BUYER')]).expect(200);
      const statuses: number[] = [];
      let retryAfter = NaN;
      for (let i = 0; i <= LIMIT; i++) {
        const res = await sample(request(limited.url)[method](path).set('X-API-Key', apiKey.key), i);
        statuses.push(res.status);
        if (res.status === 429) {
          expect({ name, body: res.body }).toEqual({ name, body: errorShape(429) });
          retryAfter = Number(res.headers['retry-after']);
        }
      }
      seen.push({ name, statuses, retryAfter });
    }
    expect(seen).toEqual(
      operations.map(({ name }) => ({
        name,
        statuses: [...Array(LIMIT).fill(200), 429],
        retryAfter: expect.any(Number),
      })),
    );
    for (const { name, retryAfter } of seen) {
      expect({ name, inRange: retryAfter >= 1 && retryAfter <= 60 }).toEqual({ name, inRange: true });
    }
  });

  it('counts every /api/v1 route of a key against one budget (GET /api/v1/company too)', async () => {
    const { apiKey } = await companyWithKey();
    const statuses: number[] = [];
    for (const path of ['/api/v1/company', '/api/v1/clients', '/api/v1/company']) {
      statuses.push((await request(limited.url).get(path).set('X-API-Key', apiKey.key)).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('stores nothing of a batch it refused with 429, and limits each key on its own', async () => {
    const a = await companyWithKey();
    const b = await companyWithKey();
    const push = (key: string, externalId: string) =>
      request(limited.url)
        .post('/api/v1/clients/batch')
        .set('X-API-Key', key)
        .send({ items: [clientItem(externalId)] });
    for (let i = 0; i < LIMIT; i++) await push(a.apiKey.key, `A-${i}`).expect(200);
    const refused = await push(a.apiKey.key, 'A-late').expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await push(b.apiKey.key, 'B-0').expect(200);
    // Read through the main API: its limiter is its own process's.
    const { items } = await readFeed(a.apiKey.key, 'clients');
    expect(items.map((c) => c['externalId']).sort()).toEqual(['A-0', 'A-1']);
  });
});
