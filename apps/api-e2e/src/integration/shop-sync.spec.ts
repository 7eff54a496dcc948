import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { join } from 'node:path';
import { createCrmClient } from '@crm/api-client';
import { apiUrl } from '../support/client';
import { companyWithKey } from '../support/crm';

const ROOT = join(__dirname, '..', '..', '..', '..');
const SAMPLE = join(ROOT, 'examples', 'shop-sync', 'sample', 'shop.json');

interface Run {
  code: number | null;
  report: Json;
  log: string;
}
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Runs examples/shop-sync exactly as `npm run example:shop-sync` does, without blocking this process. */
function shopSync(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'examples/shop-sync/src/main.ts', SAMPLE],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          TS_NODE_PROJECT: 'examples/shop-sync/tsconfig.json',
          TS_NODE_TRANSPILE_ONLY: 'true',
          ...env,
        },
      },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? null) : 0;
        if (error && typeof code !== 'number') return reject(error);
        try {
          resolve({ code, report: stdout ? JSON.parse(stdout) : {}, log: stderr });
        } catch (parse) {
          reject(new Error(`${String(parse)}\nstdout: ${stdout}\nstderr: ${stderr}`));
        }
      },
    );
  });
}

/** What the key's company holds, read back through the typed client. */
async function stored(key: string) {
  const client = createCrmClient({ baseUrl: apiUrl(), apiKey: key });
  const clients = await client.GET('/api/v1/clients', { params: { query: { limit: 1000 } } });
  const sales = await client.GET('/api/v1/sales', { params: { query: { limit: 1000 } } });
  return {
    clients: (clients.data?.items ?? []).map((c) => [c.externalId, c.name, c.email]).sort(),
    sales: (sales.data?.items ?? [])
      .map((s) => [s.externalId, s.clientExternalId, s.amount, s.currency, s.status])
      .sort(),
  };
}

const EXPECTED_STORE = {
  clients: [
    ['101', 'Иван Петров', 'ivan.petrov@example.ru'],
    ['102', 'Мария Соколова', 'maria@example.ru'],
    ['104', 'ООО «Вектор»', null],
  ],
  sales: [
    ['SO-1001', '101', '1530.00', 'RUB', 'paid'],
    ['SO-1002', '102', '19.90', 'USD', 'pending'],
  ],
};

describe('examples/shop-sync against the API', () => {
  it('stores every valid record, reports the refused ones and skips orders of refused customers; a rerun changes nothing', async () => {
    const { apiKey } = await companyWithKey('ООО Магазин');
    const first = await shopSync({ CRM_API_URL: apiUrl(), CRM_API_KEY: apiKey.key });

    expect(first.code).toBe(2);
    expect(first.report).toEqual({
      clients: {
        created: 3,
        updated: 0,
        unchanged: 0,
        failed: [{ externalId: '103', errors: [expect.stringMatching(/email/)] }],
        skipped: [],
      },
      sales: {
        created: 2,
        updated: 0,
        unchanged: 0,
        failed: [
          { externalId: 'SO-1004', errors: [expect.stringMatching(/currency/)] },
          { externalId: 'SO-1005', errors: ['clientExternalId is not a client of this company'] },
        ],
        skipped: [{ externalId: 'SO-1003', reason: 'customer 103 was refused' }],
      },
      retries: 0,
    });
    expect(first.log).toContain('syncing into "ООО Магазин"');
    expect(await stored(apiKey.key)).toEqual(EXPECTED_STORE);

    const again = await shopSync({ CRM_API_URL: apiUrl(), CRM_API_KEY: apiKey.key });
    expect(again.report['clients']).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(again.report['sales']).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await stored(apiKey.key)).toEqual(EXPECTED_STORE);
  }, 60_000);

  it('waits what Retry-After says when the API answers 429, and loses nothing', async () => {
    const { apiKey } = await companyWithKey('ООО Магазин под нагрузкой');
    // In front of the API: every other batch request is answered 429 with Retry-After: 1, the way
    // the API's per-key limiter answers (the real limiter's window is a minute: too long for a test).
    let batches = 0;
    const limited: string[] = [];
    const target = new URL(apiUrl());
    const proxy: Server = createServer((req, res) => {
      if (req.method === 'POST' && req.url?.endsWith('/batch') && batches++ % 2 === 0) {
        limited.push(req.url);
        req.resume();
        res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '1' });
        res.end(
          JSON.stringify({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit', code: 'RATE_LIMITED' }),
        );
        return;
      }
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    const { port } = proxy.address() as { port: number };
    try {
      const started = Date.now();
      const run = await shopSync({
        CRM_API_URL: `http://127.0.0.1:${port}`,
        CRM_API_KEY: apiKey.key,
        CRM_BATCH_SIZE: '2',
      });
      // Clients 2 + 2 and orders 2 + 2 (the order of the refused customer is not sent): 4 batches, 4 refusals.
      expect(limited).toEqual([
        '/api/v1/clients/batch',
        '/api/v1/clients/batch',
        '/api/v1/sales/batch',
        '/api/v1/sales/batch',
      ]);
      expect(run.report['retries']).toBe(4);
      expect(run.log.match(/API answered 429: waiting 1 s as Retry-After says/g)).toHaveLength(4);
      expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
      expect(run.code).toBe(2);
      expect(run.report['clients']).toMatchObject({ created: 3, failed: [{ externalId: '103' }] });
      expect(run.report['sales']).toMatchObject({ created: 2, skipped: [{ externalId: 'SO-1003' }] });
      expect(await stored(apiKey.key)).toEqual(EXPECTED_STORE);
    } finally {
      proxy.close();
      proxy.closeAllConnections();
    }
  }, 60_000);

  it('stops with exit code 1 on a key the API does not accept', async () => {
    const run = await shopSync({ CRM_API_URL: apiUrl(), CRM_API_KEY: 'crm_not_a_key' });
    expect(run.code).toBe(1);
    expect(run.log).toContain('the API key was not accepted (401)');
  }, 60_000);
});
