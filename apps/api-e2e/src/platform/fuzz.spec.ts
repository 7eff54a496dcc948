import { api, addMember, registerUser, type TestUser } from '../support/client';
import { createApiKey, createClient, createSale, pushClients } from '../support/crm';
import {
  badRequestsFor,
  type FuzzRequest,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  SchemaValues,
} from './openapi-fuzz';

/**
 * Issue 9 "Done when": a deterministic fuzz test over every operation of the OpenAPI document.
 * Each operation gets bad requests built from its own schemas (fixed seed, so a failure reproduces),
 * sent as a real member of a real company (and with that company's API key on /api/v1); none may
 * answer 5xx, and every error has the contract's shape `{statusCode, error, message, details?}`.
 * `FUZZ_REQUESTS_PER_OPERATION` and `FUZZ_SEED` make it larger or different locally.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);
const PER_OPERATION = Number(process.env['FUZZ_REQUESTS_PER_OPERATION'] ?? 50);

interface Failure {
  operation: string;
  request: string;
  status: number;
  body: unknown;
}

/** Requests of one operation in flight at once (the answers are checked one by one). */
const IN_FLIGHT = 4;

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** Deletions last, so that the fixtures they may remove serve every other operation first. */
const ORDER: Record<string, number> = { get: 0, post: 1, put: 1, patch: 1, delete: 2 };

/** Keys an error may carry beyond the shape: those its operation documents for that status. */
function documentedKeys(op: Operation, values: SchemaValues, status: number): string[] {
  return Object.keys(values.resolve(op.responses[String(status)]).properties ?? {});
}

function errorShapeProblem(status: number, body: unknown, documented: string[]): string | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'not a JSON object';
  const b = body as Record<string, unknown>;
  if (b['statusCode'] !== status) return `statusCode ${String(b['statusCode'])}`;
  if (typeof b['error'] !== 'string' || typeof b['message'] !== 'string') return 'error/message not strings';
  const allowed = ['statusCode', 'error', 'message', 'details', 'code', ...documented];
  const extra = Object.keys(b).filter((k) => !allowed.includes(k));
  if (extra.length > 0) return `unexpected keys ${extra.join(', ')}`;
  const details = b['details'];
  if (details !== undefined) {
    const ok =
      Array.isArray(details) &&
      details.every(
        (d: { field?: unknown; messages?: unknown }) =>
          typeof d.field === 'string' && Array.isArray(d.messages) && d.messages.every((m) => typeof m === 'string'),
      );
    if (!ok) return 'details not [{field, messages}]';
  }
  return null;
}

describe('fuzz over every OpenAPI operation', () => {
  let owner: TestUser;
  let apiKey: string;
  let known: Record<string, string>;

  beforeAll(async () => {
    owner = await registerUser('ООО Фаззер');
    const member = await registerUser(null);
    await addMember(owner, member, 'member');
    const client = await createClient(owner, { name: 'Фаззер Ф.', externalId: 'FZ-C-1' });
    const sale = await createSale(owner, client.id);
    apiKey = (await createApiKey(owner, 'Фаззер: вход')).key;
    const target = await createApiKey(owner, 'Фаззер: цель');
    await pushClients(apiKey, [{ externalId: 'FZ-C-2', name: 'Второй' }]).expect(200);
    const upload = await api()
      .post(`/api/companies/${owner.companyId}/imports`)
      .set(owner.auth)
      .field('kind', 'clients')
      .attach('file', Buffer.from('externalId;name\nFZ-I-1;Импорт\n'), { filename: 'c.csv', contentType: 'text/csv' })
      .expect(201);
    known = {
      companyId: owner.companyId,
      clientId: client.id,
      saleId: sale.id,
      userId: member.id,
      id: target.id,
      importId: upload.body.id,
      clientExternalId: 'FZ-C-1',
    };
  });

  it('answers every bad request with a 4xx (or a success) in the error shape, never 5xx', async () => {
    const doc = (await api().get('/api/docs-json').expect(200)).body as OpenApiDocument;
    const values = new SchemaValues(doc, known);
    const operations = operationsOf(doc).sort((a, b) => (ORDER[a.method] ?? 1) - (ORDER[b.method] ?? 1));
    expect(operations.length).toBeGreaterThan(50);

    const failures: Failure[] = [];
    let sent = 0;
    for (const [index, op] of operations.entries()) {
      const validPath = Object.fromEntries(
        op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, known[p.name] ?? known['id']]),
      );
      const started = Date.now();
      const requests = badRequestsFor(op, values, validPath, SEED + index, PER_OPERATION);
      await inParallel(requests, IN_FLIGHT, async (req) => {
        const res = await send(op, req);
        sent++;
        const problem =
          res.status >= 500
            ? 'server error'
            : res.status >= 400
              ? errorShapeProblem(res.status, res.body, documentedKeys(op, values, res.status))
              : null;
        if (problem) {
          failures.push({
            operation: `${op.method.toUpperCase()} ${op.path}`,
            request: `${req.label} (${problem})`,
            status: res.status,
            body: res.body,
          });
        }
      });
      if (process.env['FUZZ_PROFILE']) console.log(`${Date.now() - started} ms ${op.method} ${op.path}`);
    }
    // One example of each kind of failure (operation, status, problem), so a report stays readable.
    const kinds = new Map<string, Failure>();
    for (const f of failures) {
      const key = `${f.operation} ${f.status} ${f.request.replace(/^.*\(/, '(')}`;
      if (!kinds.has(key)) kinds.set(key, f);
    }
    expect([...kinds.values()]).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(2500);
  }, 300_000);

  async function send(op: Operation, req: FuzzRequest): Promise<{ status: number; body: unknown }> {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => req.pathParams[name] ?? 'missing');
    const url = req.query.length > 0 ? `${path}?${req.query.join('&')}` : path;
    let test = api()[op.method as 'get'](url);
    if (op.security.includes('api-key')) test = test.set('X-API-Key', apiKey);
    else if (op.security.includes('bearer')) test = test.set(owner.auth);
    if (typeof req.body === 'string') {
      test = test.set('Content-Type', req.contentType || 'application/octet-stream').send(req.body);
    } else if (req.body !== undefined) {
      test = test.send(req.body as object);
    }
    try {
      const res = await test;
      return { status: res.status, body: res.body };
    } catch (error) {
      // A dropped connection (a stream broken mid-answer) counts as a server failure.
      return { status: 599, body: String(error) };
    }
  }
});
