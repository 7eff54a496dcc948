import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { api, type TestUser } from '../support/client';

/** Helpers for the CSV import and export specs. */

export const fixture = (path: string): Buffer => readFileSync(join(__dirname, path));

export interface ImportJob {
  id: string;
  kind: 'clients' | 'sales';
  status: 'uploaded' | 'running' | 'completed' | 'failed' | 'cancelled';
  fileName: string;
  encoding: string;
  delimiter: string;
  columns: string[];
  suggestedMapping: Record<string, unknown>;
  rowsTotal: number | null;
  progress: {
    rowsDone: number;
    created: number;
    updated: number;
    unchanged: number;
    failed: number;
    rejectedRows: number;
  };
  error: string | null;
}

export const importsUrl = (owner: TestUser) => `/api/companies/${owner.companyId}/imports`;

export function upload(owner: TestUser, kind: string, content: Buffer, fileName: string) {
  return api()
    .post(importsUrl(owner))
    .set(owner.auth)
    .field('kind', kind)
    .attach('file', content, { filename: fileName, contentType: 'text/csv' });
}

/** Polls the import until it stops running (the run happens in the background). */
export async function waitForImport(owner: TestUser, id: string): Promise<ImportJob> {
  for (;;) {
    const res = await api()
      .get(`${importsUrl(owner)}/${id}`)
      .set(owner.auth)
      .expect(200);
    const job = res.body as ImportJob;
    if (job.status !== 'running' && (job.status !== 'uploaded' || job.rowsTotal !== null)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs the import with `settings` and waits for the end. */
export async function runImport(owner: TestUser, id: string, settings: Record<string, unknown>): Promise<ImportJob> {
  await api()
    .post(`${importsUrl(owner)}/${id}/run`)
    .set(owner.auth)
    .send(settings)
    .expect(202);
  return waitForImport(owner, id);
}

/** Uploads a file and imports it with the suggested mapping plus `settings`. */
export async function importFile(
  owner: TestUser,
  kind: string,
  content: Buffer,
  fileName: string,
  settings: Record<string, unknown> = {},
): Promise<ImportJob> {
  const job = (await upload(owner, kind, content, fileName).expect(201)).body as ImportJob;
  const mapping = { ...job.suggestedMapping, ...((settings['mapping'] as object | undefined) ?? {}) };
  return runImport(owner, job.id, { ...settings, mapping });
}

/** Collects a binary body (files) as a Buffer. */
export const binary = (res: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A CSV file as records (header first); checks it starts with the UTF-8 BOM. */
export function readCsv(body: Buffer, delimiter: string): string[][] {
  expect(body.subarray(0, 3)).toEqual(UTF8_BOM);
  return parse(body.subarray(3).toString('utf8'), { delimiter, relax_column_count: true }) as string[][];
}
