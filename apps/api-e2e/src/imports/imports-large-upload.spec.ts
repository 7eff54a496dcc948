import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { type ApiProcess, startApi } from '../support/api-process';
import { PASSWORD, uniqueLogin } from '../support/client';

/**
 * A large upload goes into the database in 1 MiB chunks, and the stored chunks are the file, byte
 * for byte. Nothing of an upload stays in the process: V8 collects released buffers only after some
 * tens of MB of them, so the first upload raises the resident size to a plateau and two more uploads
 * of the same size stay on it (a file kept in memory would add its size each time). That the bytes
 * are stored as they arrive, one chunk held at a time, is proven exactly by the unit spec
 * `libs/api/imports/src/lib/jobs/import-files.spec.ts` (resident memory cannot tell a transient copy
 * from garbage not yet collected). Counting the rows afterwards parses the whole file and grows
 * V8's heap with garbage for a while: it is left out of the measure.
 */
const MIB = 1024 * 1024;
const FILE_MIB = 64;

let api: ApiProcess;

beforeAll(async () => {
  api = await startApi(
    {
      DATABASE_URL: process.env['E2E_DATABASE_URL'] as string,
      CRM_DATA_DIR: mkdtempSync(join(tmpdir(), 'crm-large-')),
      DB_POOL_SIZE: process.env['TEST_DATABASE_URL'] ? '4' : '1',
      AUTH_RATE_LIMIT: '100000',
      JWT_SECRET: randomBytes(32).toString('hex'),
      KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'),
    },
    120_000,
  );
});

afterAll(async () => {
  await api?.stop();
});

const rowsIn = (file: Buffer) => file.toString('utf8').split('\n').length - 1;

async function waitForCount(companyId: string, auth: Record<string, string>, id: string): Promise<number> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    const res = await request(api.url).get(`/api/companies/${companyId}/imports/${id}`).set(auth).expect(200);
    if (res.body.rowsTotal !== null) return res.body.rowsTotal as number;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`import ${id} was never counted`);
}

function bigCsv(): Buffer {
  const lines = ['externalId;name;email'];
  let size = 0;
  for (let i = 0; size < FILE_MIB * MIB; i++) {
    const line = `L-${i};Клиент с довольно длинным именем номер ${i};client${i}@example.ru`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** Resident memory of the API process, in bytes (Linux). */
const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${api.process.pid}/status`, 'utf8'))?.[1]) * 1024;

/** Runs `work` while sampling the API's resident memory; answers its result and the peak. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = rss();
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20);
  try {
    return { result: await work(), peak };
  } finally {
    clearInterval(sampler);
  }
}

it(`stores ${FILE_MIB} MiB uploads as 1 MiB chunks, byte for byte, with the API's memory on a plateau`, async () => {
  const reg = await request(api.url)
    .post('/api/auth/register')
    .send({ login: uniqueLogin('large'), password: PASSWORD, companyName: 'ООО Большой файл' })
    .expect(201);
  const companyId = reg.body.company.id as string;
  const auth = { Authorization: `Bearer ${reg.body.accessToken}` };
  const file = bigCsv();
  const uploadIt = async () =>
    (
      await request(api.url)
        .post(`/api/companies/${companyId}/imports`)
        .set(auth)
        .field('kind', 'clients')
        .attach('file', file, { filename: 'big.csv', contentType: 'text/csv' })
        .expect(201)
    ).body as { id: string; status: string; sizeBytes: number; columns: string[] };

  // Three uploads, each deleted at once (so no row count runs on): the memory stays where the first
  // one left it.
  const peaks: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { result, peak } = await withPeakMemory(uploadIt);
    peaks.push(peak);
    await request(api.url).delete(`/api/companies/${companyId}/imports/${result.id}`).set(auth).expect(204);
  }
  expect(Math.max(peaks[1], peaks[2]) - peaks[0]).toBeLessThan(file.length * 0.75);

  const job = await uploadIt();
  expect(job).toMatchObject({ status: 'uploaded', sizeBytes: file.length, columns: ['externalId', 'name', 'email'] });
  // The row count streams the chunks back through the CSV parser.
  expect(await waitForCount(companyId, auth, job.id)).toBe(rowsIn(file));

  const db = new Client({ connectionString: process.env['E2E_DATABASE_URL'] });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT seq, octet_length(data)::int AS bytes, sha256(data) AS hash FROM import_files
        WHERE company_id = $1 AND job_id = $2 AND kind = 'upload' ORDER BY seq`,
      [companyId, job.id],
    );
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: Math.ceil(file.length / MIB) }, (_, i) => i));
    expect(rows.slice(0, -1).every((r) => r.bytes === MIB)).toBe(true);
    expect(rows.reduce((sum, r) => sum + r.bytes, 0)).toBe(file.length);
    rows.forEach((r, i) => {
      const expected = createHash('sha256')
        .update(file.subarray(i * MIB, (i + 1) * MIB))
        .digest();
      expect(Buffer.compare(r.hash as Buffer, expected)).toBe(0);
    });
  } finally {
    await db.end();
  }

  await request(api.url).delete(`/api/companies/${companyId}/imports/${job.id}`).set(auth).expect(204);
}, 300_000);
