import { Client } from 'pg';
import { api, errorShape } from '../support/client';
import { clientItem, companyWithKey, pushClients, pushSales, readFeed, saleItem } from '../support/crm';

describe('GET /api/v1/clients and /api/v1/sales (change feed)', () => {
  it('returns every client exactly once across pages while new clients arrive between pages', async () => {
    const { apiKey } = await companyWithKey();
    await pushClients(
      apiKey.key,
      Array.from({ length: 95 }, (_, i) => clientItem(`F-${i}`)),
    ).expect(200);
    let added = 0;
    const { items, pages } = await readFeed<{ id: string; externalId: string }>(
      apiKey.key,
      'clients',
      { limit: 10 },
      async (page) => {
        if (page <= 5) {
          await pushClients(apiKey.key, [clientItem(`NEW-${page}-a`), clientItem(`NEW-${page}-b`)]).expect(200);
          added += 2;
        }
      },
    );
    const ids = items.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(items.map((c) => c.externalId).sort()).toEqual(
      [
        ...Array.from({ length: 95 }, (_, i) => `F-${i}`),
        ...Array.from({ length: 5 }, (_, i) => [`NEW-${i + 1}-a`, `NEW-${i + 1}-b`]).flat(),
      ].sort(),
    );
    expect(added).toBe(10);
    expect(pages).toBe(11);
  });

  it('returns every sale once, with clientExternalId, and delivers a sale changed meanwhile again in its new version', async () => {
    const { apiKey } = await companyWithKey();
    await pushClients(apiKey.key, [clientItem('C-1')]).expect(200);
    await pushSales(
      apiKey.key,
      Array.from({ length: 30 }, (_, i) => saleItem(`S-${i}`, 'C-1')),
    ).expect(200);
    type Sale = { id: string; externalId: string; amount: string; clientExternalId: string };
    const first = await api().get('/api/v1/sales').set('X-API-Key', apiKey.key).query({ limit: 7 }).expect(200);
    // A sale already read changes, and a new one arrives, before the next page.
    const changed: string = first.body.items[0].externalId;
    await pushSales(apiKey.key, [saleItem(changed, 'C-1', { amount: '555.00' })]).expect(200);
    await pushSales(apiKey.key, [saleItem('S-NEW', 'C-1')]).expect(200);
    const rest = await readFeed<Sale>(apiKey.key, 'sales', { limit: 7, cursor: first.body.nextCursor });
    const items: Sale[] = [...first.body.items, ...rest.items];
    const count = (externalId: string) => items.filter((s) => s.externalId === externalId).length;
    expect(items.every((s) => s.clientExternalId === 'C-1')).toBe(true);
    expect(count('S-NEW')).toBe(1);
    expect(items.filter((s) => s.externalId === changed).map((s) => s.amount)).toEqual(['100.00', '555.00']);
    for (let i = 0; i < 30; i++) if (`S-${i}` !== changed) expect(count(`S-${i}`)).toBe(1);
  });

  // PGlite runs one session: a transaction held open on one connection would block the API's.
  const onServer = process.env['TEST_DATABASE_URL'] ? it : it.skip;
  onServer(
    'holds back rows of transactions that ended while an older writer is still running, then returns each once',
    async () => {
      const owner = await companyWithKey();
      const key = owner.apiKey.key;
      await pushClients(
        key,
        ['A', 'B', 'C', 'D', 'E'].map((x) => clientItem(x)),
      ).expect(200);
      const slow = new Client({ connectionString: process.env['E2E_DATABASE_URL'] });
      await slow.connect();
      try {
        // An older writer (a CSV import, another API request) is still running; like every writer it
        // took the company's write lock first...
        await slow.query('BEGIN');
        await slow.query(`SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))`, [
          `crm.company-writes:${owner.companyId}`,
        ]);
        await slow.query(`INSERT INTO clients (company_id, external_id) VALUES ($1, 'SLOW')`, [owner.companyId]);
        // ...while later ones commit first, and concurrently with each other (no company-wide queue).
        await Promise.all([
          pushClients(key, [clientItem('FAST-1')]).expect(200),
          pushClients(key, [clientItem('FAST-2')]).expect(200),
          pushClients(key, [clientItem('B', { name: 'changed' })]).expect(200),
        ]);
        // A reader may not pass them: once it did, SLOW would commit behind its cursor and be skipped.
        // B, rewritten since by one of them, waits with them.
        const during = await readFeed<{ externalId: string }>(key, 'clients', { limit: 2 });
        expect(during.items.map((c) => c.externalId).sort()).toEqual(['A', 'C', 'D', 'E']);
        await slow.query('COMMIT');
      } finally {
        await slow.end();
      }
      const after = await readFeed<{ externalId: string; name: string | null }>(key, 'clients', { limit: 2 });
      const order = after.items.map((c) => c.externalId);
      expect([...order].sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'FAST-1', 'FAST-2', 'SLOW']);
      // By writing transaction: the first batch (B since rewritten), SLOW, then the three later ones.
      expect(order.slice(0, 4).sort()).toEqual(['A', 'C', 'D', 'E']);
      expect(order[4]).toBe('SLOW');
      expect(order.slice(5).sort()).toEqual(['B', 'FAST-1', 'FAST-2']);
      expect(after.items.find((c) => c.externalId === 'B')?.name).toBe('changed');
    },
  );

  it('filters by externalId and updatedSince', async () => {
    const { apiKey } = await companyWithKey();
    await pushClients(apiKey.key, [clientItem('OLD-1'), clientItem('OLD-2')]).expect(200);
    await new Promise((r) => setTimeout(r, 50));
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 50));
    await pushClients(apiKey.key, [clientItem('NEW-1'), clientItem('OLD-2', { name: 'changed' })]).expect(200);
    const recent = await readFeed<{ externalId: string }>(apiKey.key, 'clients', { updatedSince: since });
    expect(recent.items.map((c) => c.externalId).sort()).toEqual(['NEW-1', 'OLD-2']);
    const one = await api()
      .get('/api/v1/clients')
      .set('X-API-Key', apiKey.key)
      .query({ externalId: 'OLD-1' })
      .expect(200);
    expect(one.body.items.map((c: { externalId: string }) => c.externalId)).toEqual(['OLD-1']);
    expect(one.body.nextCursor).toBeNull();
  });

  it('defaults to 100 rows, allows up to 1,000, and refuses bad limits, cursors and dates with 400', async () => {
    const { apiKey } = await companyWithKey();
    await pushClients(
      apiKey.key,
      Array.from({ length: 150 }, (_, i) => clientItem(`L-${i}`)),
    ).expect(200);
    const first = await api().get('/api/v1/clients').set('X-API-Key', apiKey.key).expect(200);
    expect(first.body.items).toHaveLength(100);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const all = await api().get('/api/v1/clients').set('X-API-Key', apiKey.key).query({ limit: 1000 }).expect(200);
    expect(all.body.items).toHaveLength(150);
    expect(all.body.nextCursor).toBeNull();
    for (const query of [
      { limit: 0 },
      { limit: 1001 },
      { limit: 'many' },
      { cursor: 'bm90LWEtY3Vyc29y' },
      { cursor: '!!' },
      { updatedSince: 'last week' },
    ]) {
      const res = await api().get('/api/v1/sales').set('X-API-Key', apiKey.key).query(query).expect(400);
      expect(res.body).toEqual(errorShape(400));
      expect(res.body.details[0].field).toBe(Object.keys(query)[0]);
    }
  });

  it('does not let a cursor of company A read company B', async () => {
    const a = await companyWithKey();
    const b = await companyWithKey();
    await pushClients(
      a.apiKey.key,
      Array.from({ length: 3 }, (_, i) => clientItem(`A-${i}`)),
    ).expect(200);
    await pushClients(
      b.apiKey.key,
      Array.from({ length: 3 }, (_, i) => clientItem(`B-${i}`)),
    ).expect(200);
    const pageOfA = await api().get('/api/v1/clients').set('X-API-Key', a.apiKey.key).query({ limit: 1 }).expect(200);
    const withCursorOfA = await readFeed<{ externalId: string }>(b.apiKey.key, 'clients', {
      cursor: pageOfA.body.nextCursor,
    });
    expect(withCursorOfA.items.every((c) => c.externalId.startsWith('B-'))).toBe(true);
  });
});
