import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from '../support/client';

const ROOT = join(__dirname, '..', '..', '..', '..');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Routes outside the JWT guard: no credentials at all, or the API key. */
const PUBLIC = [
  'GET /api/health',
  'GET /api/health/live',
  'GET /api/health/ready',
  'POST /api/auth/register',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
];

function operations(doc: Json): { name: string; path: string; op: Json }[] {
  return Object.entries(doc['paths'] as Json).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ name: `${m.toUpperCase()} ${path}`, path, op: item[m] as Json })),
  );
}

describe('OpenAPI document (/api/docs-json)', () => {
  let doc: Json;
  beforeAll(async () => {
    doc = (await api().get('/api/docs-json').expect(200)).body;
  });

  it('passes `redocly lint` (recommended rules, warnings as errors)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-openapi-'));
    try {
      const file = join(dir, 'served.json');
      writeFileSync(file, JSON.stringify(doc));
      const lint = spawnSync(process.execPath, [join(ROOT, 'tools', 'scripts', 'lint-openapi.mjs'), file], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      const problems = `${lint.stdout}\n${lint.stderr}`
        .split('\n')
        .filter((line) => /\b(error|warning)\b/.test(line) && !/Deprecation/.test(line));
      expect({ status: lint.status, problems }).toEqual({ status: 0, problems: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('names the server and the security of every operation: [] exactly on the public routes', () => {
    expect(doc['servers']).toEqual([expect.objectContaining({ url: '/' })]);
    for (const { name, path, op } of operations(doc)) {
      const expected = path.startsWith('/api/v1/')
        ? [{ 'api-key': [] }]
        : PUBLIC.includes(name)
          ? []
          : [{ bearer: [] }];
      expect({ name, security: op['security'] }).toEqual({ name, security: expected });
      expect(Object.keys(op).filter((k) => k.startsWith('x-'))).toEqual([]);
    }
  });

  it('rate-limits every /api/v1 route, documented as 429 with Retry-After', () => {
    const v1 = operations(doc).filter((o) => o.path.startsWith('/api/v1/'));
    expect(v1.map((o) => o.name).sort()).toEqual(
      [
        'GET /api/v1/company',
        'GET /api/v1/clients',
        'POST /api/v1/clients/batch',
        'GET /api/v1/sales',
        'POST /api/v1/sales/batch',
        'GET /api/v1/deals',
        'POST /api/v1/deals/batch',
      ].sort(),
    );
    for (const { name, op } of v1) {
      const limited = op['responses']['429'];
      expect({ name, headers: Object.keys(limited?.headers ?? {}) }).toEqual({ name, headers: ['Retry-After'] });
      expect(limited.content['application/json'].example).toEqual(expect.objectContaining({ statusCode: 429 }));
    }
  });

  it('states the batch size and body limits in the schema, not only in prose', () => {
    for (const name of ['ClientBatchDto', 'SaleBatchDto', 'DealBatchDto']) {
      expect({ name, maxItems: doc['components'].schemas[name].properties.items.maxItems }).toEqual({
        name,
        maxItems: 5000,
      });
    }
    for (const name of ['POST /api/v1/clients/batch', 'POST /api/v1/sales/batch', 'POST /api/v1/deals/batch']) {
      const op = operations(doc).find((o) => o.name === name)?.op as Json;
      expect(op['responses']['413'].description).toMatch(/Body above 10mb or batch above 5,000 items/);
    }
    expect(doc['info'].description).toMatch(/JSON of at most 10mb/);
  });

  it('has a media-level example on every JSON request and response', () => {
    const missing: string[] = [];
    for (const { name, op } of operations(doc)) {
      const media: [string, Json][] = [];
      const body = op['requestBody']?.content?.['application/json'];
      if (body) media.push([`${name} request`, body]);
      for (const [status, response] of Object.entries(op['responses'] as Json)) {
        const json = (response as Json)['content']?.['application/json'];
        if (json) media.push([`${name} ${status}`, json]);
      }
      for (const [where, m] of media)
        if (m['example'] === undefined && m['examples'] === undefined) missing.push(where);
    }
    expect(missing).toEqual([]);
    const batch = operations(doc).find((o) => o.name === 'POST /api/v1/clients/batch')?.op as Json;
    expect(batch['requestBody'].content['application/json'].example.items.length).toBeGreaterThan(1);
    expect(batch['responses']['200'].content['application/json'].example.failed).toHaveLength(1);
  });
});
