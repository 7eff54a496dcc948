import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { type ApiProcess, startApi } from '../support/api-process';
import { errorShape, PASSWORD, uniqueLogin } from '../support/client';

/**
 * Issue 9 §5: imports keep every upload until the import is deleted; a company's uploads together
 * may take `IMPORT_STORAGE_LIMIT`, and a file that does not fit is refused with a clear 413.
 */
const csv = (rows: number) =>
  Buffer.from(
    ['externalId;name', ...Array.from({ length: rows }, (_, i) => `Q-${i};Клиент номер ${i} с длинным именем`)].join(
      '\n',
    ),
  );

describe('import storage limit', () => {
  let api: ApiProcess;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'crm-quota-'));
    api = await startApi({
      DATABASE_URL: process.env['E2E_DATABASE_URL'] as string,
      CRM_DATA_DIR: dataDir,
      DB_POOL_SIZE: '1',
      AUTH_RATE_LIMIT: '100000',
      IMPORT_STORAGE_LIMIT: '100kb',
    });
  });

  afterAll(async () => {
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What the company's imports keep in the database (uploads being received included). */
  async function storedBytes(companyId: string): Promise<number> {
    const db = new Client({ connectionString: process.env['E2E_DATABASE_URL'] });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT coalesce(sum(octet_length(data)), 0)::int AS bytes FROM import_files WHERE company_id = $1`,
        [companyId],
      );
      return rows[0].bytes as number;
    } finally {
      await db.end();
    }
  }

  async function owner() {
    const res = await request(api.url)
      .post('/api/auth/register')
      .send({ login: uniqueLogin('quota'), password: PASSWORD, companyName: 'ООО Квота' })
      .expect(201);
    return { auth: { Authorization: `Bearer ${res.body.accessToken}` }, companyId: res.body.company.id as string };
  }

  const upload = (user: { auth: { Authorization: string }; companyId: string }, content: Buffer) =>
    request(api.url)
      .post(`/api/companies/${user.companyId}/imports`)
      .set(user.auth)
      .field('kind', 'clients')
      .attach('file', content, { filename: 'clients.csv', contentType: 'text/csv' });

  it('refuses an upload beyond the company limit with 413, and frees the room when an import is deleted', async () => {
    const user = await owner();
    const file = csv(800); // about 52 KB
    expect(file.length).toBeGreaterThan(40_000);
    expect(file.length).toBeLessThan(60_000);
    const first = await upload(user, file).expect(201);
    const refused = await upload(user, file);
    expect({ status: refused.status, body: refused.body }).toEqual({ status: 413, body: errorShape(413) });
    expect(refused.body.message).toMatch(/Delete old imports/);
    // Nothing of the refused file is kept: the company's stored bytes are the first file's.
    expect(await storedBytes(user.companyId)).toBe(file.length);
    const jobs = await request(api.url).get(`/api/companies/${user.companyId}/imports`).set(user.auth).expect(200);
    expect(jobs.body).toHaveLength(1);

    // Another company has its own room.
    await upload(await owner(), file).expect(201);

    await request(api.url)
      .delete(`/api/companies/${user.companyId}/imports/${first.body.id}`)
      .set(user.auth)
      .expect(204);
    await upload(user, file).expect(201);
  });

  it('refuses a single file larger than the whole limit before storing it', async () => {
    const user = await owner();
    const res = await upload(user, csv(2500));
    expect(res.status).toBe(413);
    expect(res.body).toEqual(errorShape(413));
    expect(await storedBytes(user.companyId)).toBe(0);
  });

  it('cuts off an upload whose declared length hid its size when it outgrows the room, keeping nothing', async () => {
    const user = await owner();
    const body = csv(2500);
    // Chunked transfer: no Content-Length, so only the bytes as they arrive can be counted.
    const boundary = 'crm-quota-boundary';
    const multipart = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nclients\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      body,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await fetch(`${api.url}/api/companies/${user.companyId}/imports`, {
      method: 'POST',
      headers: { ...user.auth, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < multipart.length; i += 16_384) controller.enqueue(multipart.subarray(i, i + 16_384));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    if (res.status !== 413) console.log(api.output().slice(-3000));
    expect(res.status).toBe(413);
    expect((await res.json()).message).toMatch(/Delete old imports/);
    expect(await storedBytes(user.companyId)).toBe(0);
  });
});
