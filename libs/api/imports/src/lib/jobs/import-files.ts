/**
 * The files of an import — the upload and the rejected-rows report — as rows of `import_files`:
 * about 1 MiB of bytes each, numbered in order (`seq`). Written while the bytes arrive and read back
 * one chunk per short tenant transaction, so a gigabyte costs a process one chunk of memory and any
 * API process can read a file another one received.
 */
import type { CompanyScope, TenantDatabase } from '@crm/api/core';
import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';

/** Bytes per stored chunk: large enough for few rows, small enough for one short statement. */
export const CHUNK_BYTES = 1024 * 1024;

export type ImportFileKind = 'upload' | 'rejected';

/** A stored file: the company it belongs to (its scope), the import and which of its files. */
export interface FileRef {
  scope: CompanyScope;
  jobId: string;
  kind: ImportFileKind;
}

export async function insertChunk(m: EntityManager, file: FileRef, seq: number, data: Buffer): Promise<void> {
  await m.query(`INSERT INTO import_files (company_id, job_id, kind, seq, data) VALUES ($1, $2, $3, $4, $5)`, [
    file.scope.companyId,
    file.jobId,
    file.kind,
    seq,
    data,
  ]);
}

/** Stores `pieces` after the file's last chunk, split at {@link CHUNK_BYTES}; one statement a chunk. */
export async function appendChunks(m: EntityManager, file: FileRef, data: Buffer): Promise<void> {
  if (data.length === 0) return;
  const [{ next }] = (await m.query(
    `SELECT coalesce(max(seq) + 1, 0)::int AS next FROM import_files WHERE company_id = $1 AND job_id = $2 AND kind = $3`,
    [file.scope.companyId, file.jobId, file.kind],
  )) as { next: number }[];
  for (let offset = 0, seq = next; offset < data.length; offset += CHUNK_BYTES, seq++) {
    await insertChunk(m, file, seq, data.subarray(offset, offset + CHUNK_BYTES));
  }
}

/**
 * Cuts a stream of pieces into chunks of exactly {@link CHUNK_BYTES} (the last one shorter) and
 * hands each to `store` before reading on: at most one chunk and one piece are held at a time.
 * `onBytes` sees the running total first and may throw to stop (the storage limit).
 */
export async function storeInChunks(
  source: AsyncIterable<Buffer>,
  store: (seq: number, chunk: Buffer) => Promise<void>,
  onBytes: (total: number) => void = () => undefined,
): Promise<number> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  let seq = 0;
  const emit = async (chunk: Buffer) => {
    await store(seq++, chunk);
  };
  for await (const piece of source) {
    total += piece.length;
    onBytes(total);
    pending.push(piece);
    pendingBytes += piece.length;
    while (pendingBytes >= CHUNK_BYTES) {
      const joined = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
      // A copy, so that the chunk does not keep the rest of a larger buffer alive.
      await emit(Buffer.from(joined.subarray(0, CHUNK_BYTES)));
      const rest = joined.subarray(CHUNK_BYTES);
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
    }
  }
  if (pendingBytes > 0) await emit(Buffer.concat(pending, pendingBytes));
  return total;
}

/** The stored file's chunks in order, each read in its own short tenant transaction. */
export async function* readChunks(db: TenantDatabase, file: FileRef): AsyncGenerator<Buffer> {
  for (let seq = 0; ;) {
    const rows = (await db.run(file.scope, (m) =>
      m.query(
        `SELECT seq, data FROM import_files
          WHERE company_id = $1 AND job_id = $2 AND kind = $3 AND seq >= $4
          ORDER BY seq LIMIT 1`,
        [file.scope.companyId, file.jobId, file.kind, seq],
      ),
    )) as { seq: number; data: Buffer }[];
    if (rows.length === 0) return;
    seq = rows[0].seq + 1;
    yield rows[0].data;
  }
}

/** The stored file as a byte stream, read chunk by chunk as the consumer asks. */
export function storedFile(db: TenantDatabase, file: FileRef): Readable {
  return Readable.from(readChunks(db, file), { objectMode: false, highWaterMark: 1 });
}

/** The file's first `bytes` bytes (the detection sample). */
export async function readHead(db: TenantDatabase, file: FileRef, bytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of readChunks(db, file)) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= bytes) break;
  }
  return Buffer.concat(parts).subarray(0, bytes);
}
