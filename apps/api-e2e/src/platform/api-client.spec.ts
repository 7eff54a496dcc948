import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCrmClient } from '@crm/api-client';
import { api, apiUrl } from '../support/client';
import { companyWithKey } from '../support/crm';

const ROOT = join(__dirname, '..', '..', '..', '..');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `npm run api-client:check` against a document written to a file. */
function check(doc: Json): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'crm-api-client-'));
  try {
    const file = join(dir, 'served.json');
    writeFileSync(file, JSON.stringify(doc));
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'tools', 'scripts', 'generate-api-client.mjs'), '--check', file],
      { cwd: ROOT, encoding: 'utf8' },
    );
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('typed API client (libs/api-client)', () => {
  let doc: Json;
  beforeAll(async () => {
    doc = (await api().get('/api/docs-json').expect(200)).body;
  });

  it('is generated from the document the API serves: the checked-in types have not drifted', () => {
    const result = check(doc);
    expect(result).toEqual({ status: 0, output: expect.stringContaining('matches the OpenAPI document') });
  }, 60_000);

  it('reports drift when the document changes (a new route)', () => {
    const changed = structuredClone(doc);
    changed['paths']['/api/v1/invoices'] = structuredClone(changed['paths']['/api/v1/company']);
    changed['paths']['/api/v1/invoices'].get.operationId = 'Invoices_list';
    const result = check(changed);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/out of date with the OpenAPI document: run `npm run api-client:generate`/);
  }, 60_000);

  it('talks to the running API: the company of a key, a typed 401 for a wrong one', async () => {
    const owner = await companyWithKey('ООО Типизированный клиент');
    const client = createCrmClient({ baseUrl: apiUrl(), apiKey: owner.apiKey.key });
    const company = await client.GET('/api/v1/company');
    expect(company.data).toEqual(expect.objectContaining({ id: owner.companyId, name: 'ООО Типизированный клиент' }));

    const web = createCrmClient({ baseUrl: apiUrl(), accessToken: owner.accessToken });
    const me = await web.GET('/api/me');
    expect(me.data?.companies.map((c) => c.id)).toEqual([owner.companyId]);

    const wrong = await createCrmClient({ baseUrl: apiUrl(), apiKey: 'crm_wrong' }).GET('/api/v1/company');
    expect(wrong.response.status).toBe(401);
    expect(wrong.error).toEqual(expect.objectContaining({ statusCode: 401, message: expect.any(String) }));
  });
});
