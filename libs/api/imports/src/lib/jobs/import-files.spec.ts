import type { CompanyScope, TenantDatabase } from '@crm/api/core';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CHUNK_BYTES, storedFile, storeInChunks } from './import-files';

const PIECE = 64 * 1024;
const MIB = 1024 * 1024;

/** `total` bytes of CSV-like text made piece by piece as they are asked for, counting what was handed out. */
function lazySource(total: number) {
  const state = { produced: 0 };
  async function* pieces() {
    let line = 0;
    while (state.produced < total) {
      const size = Math.min(PIECE, total - state.produced);
      const piece = Buffer.alloc(size, `${line++};Клиент;client@example.ru\n`);
      state.produced += size;
      yield piece;
    }
  }
  return { state, pieces: pieces() };
}

describe('storing an upload in chunks', () => {
  it('stores a 48 MiB upload as 1 MiB chunks while holding at most one chunk and one piece', async () => {
    const total = 48 * MIB + 12_345;
    const { state, pieces } = lazySource(total);
    const sizes: number[] = [];
    const hash = createHash('sha256');
    let stored = 0;
    let mostHeld = 0;
    const size = await storeInChunks(pieces, async (seq, chunk) => {
      expect(seq).toBe(sizes.length);
      mostHeld = Math.max(mostHeld, state.produced - stored);
      await new Promise((resolve) => setImmediate(resolve)); // an insert takes a while
      sizes.push(chunk.length);
      hash.update(chunk);
      stored += chunk.length;
    });
    expect(size).toBe(total);
    expect(sizes).toHaveLength(49);
    expect(sizes.slice(0, 48).every((s) => s === CHUNK_BYTES)).toBe(true);
    expect(sizes[48]).toBe(12_345);
    // Never more than a chunk and a piece between the request and the database: memory stays flat.
    expect(mostHeld).toBeLessThanOrEqual(CHUNK_BYTES + PIECE);

    const again = createHash('sha256');
    for await (const piece of lazySource(total).pieces) again.update(piece);
    expect(hash.digest('hex')).toBe(again.digest('hex'));
  });

  it('stops reading the upload as soon as the size check refuses it', async () => {
    const { state, pieces } = lazySource(20 * MIB);
    const refusal = new Error('over the limit');
    await expect(
      storeInChunks(
        pieces,
        async () => undefined,
        (bytes) => {
          if (bytes > 3 * MIB) throw refusal;
        },
      ),
    ).rejects.toBe(refusal);
    expect(state.produced).toBeLessThanOrEqual(3 * MIB + PIECE);
  });
});

describe('reading a stored file', () => {
  it('reads one chunk per query, in order, only as the reader asks', async () => {
    const chunks = [Buffer.from('a'.repeat(10)), Buffer.from('b'.repeat(10)), Buffer.from('c'.repeat(3))];
    const asked: number[] = [];
    const manager = {
      query: async (_sql: string, params: unknown[]) => {
        const seq = params[3] as number;
        asked.push(seq);
        return seq < chunks.length ? [{ seq, data: chunks[seq] }] : [];
      },
    } as unknown as EntityManager;
    const db = { run: (_scope: CompanyScope, work: (m: EntityManager) => unknown) => work(manager) };
    const stream = storedFile(db as unknown as TenantDatabase, {
      scope: { companyId: 'c' },
      jobId: 'j',
      kind: 'upload',
    });
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    stream.pause();
    expect(first.toString()).toBe('a'.repeat(10));
    expect(asked.length).toBeLessThanOrEqual(2);
    const rest: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => rest.push(chunk));
    stream.resume();
    await new Promise((resolve) => stream.once('end', resolve));
    expect(Buffer.concat(rest).toString()).toBe('b'.repeat(10) + 'c'.repeat(3));
    expect(asked).toEqual([0, 1, 2, 3]);
  });
});
