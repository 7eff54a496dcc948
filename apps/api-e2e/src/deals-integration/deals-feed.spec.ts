import { api, errorShape } from '../support/client';
import { readFeed } from '../support/crm';
import { companyWithClients, dealItem, type FeedDeal, pushDeals } from './deals';

describe('GET /api/v1/deals (change feed)', () => {
  it('returns every deal once over pages, in write order, and a changed deal again after the cursor', async () => {
    const { apiKey } = await companyWithClients('C-1');
    for (let b = 0; b < 3; b++) {
      const items = Array.from({ length: 7 }, (_, i) => dealItem(`D-${b}-${i}`, 'C-1'));
      await pushDeals(apiKey.key, items).expect(200);
    }
    const { items, pages } = await readFeed<FeedDeal>(apiKey.key, 'deals', { limit: 4 });
    expect(pages).toBe(6);
    expect(items.map((d) => d.externalId).sort()).toEqual(
      Array.from({ length: 3 }, (_, b) => Array.from({ length: 7 }, (_, i) => `D-${b}-${i}`))
        .flat()
        .sort(),
    );
    // Batches come in the order they were written.
    expect(items.slice(0, 7).every((d) => d.externalId.startsWith('D-0-'))).toBe(true);
    expect(items.slice(14).every((d) => d.externalId.startsWith('D-2-'))).toBe(true);

    // Read to the end, change one deal: the next page from the last cursor has just that deal.
    const first = await api().get('/api/v1/deals').set('X-API-Key', apiKey.key).query({ limit: 21 }).expect(200);
    const second = await api().get('/api/v1/deals').set('X-API-Key', apiKey.key).query({ limit: 20 }).expect(200);
    expect(first.body.nextCursor).toBeNull();
    await pushDeals(apiKey.key, [dealItem('D-0-3', 'C-1', { stage: 'Переговоры' })]).expect(200);
    const after = await api()
      .get('/api/v1/deals')
      .set('X-API-Key', apiKey.key)
      .query({ cursor: second.body.nextCursor })
      .expect(200);
    // The last deal of the first read (of the third batch), then the changed one.
    const lastOfFirstRead = (first.body.items as FeedDeal[])[20];
    expect(lastOfFirstRead.externalId).toMatch(/^D-2-/);
    expect(after.body.items.map((d: FeedDeal) => [d.externalId, d.stageName])).toEqual([
      [lastOfFirstRead.externalId, 'Новая'],
      ['D-0-3', 'Переговоры'],
    ]);
    expect(after.body.nextCursor).toBeNull();
  });

  it('filters by externalId and updatedSince, and refuses a cursor it did not return', async () => {
    const { apiKey } = await companyWithClients('C-1');
    await pushDeals(apiKey.key, [dealItem('D-1', 'C-1'), dealItem('D-2', 'C-1')]).expect(200);
    const one = await api().get('/api/v1/deals').set('X-API-Key', apiKey.key).query({ externalId: 'D-2' }).expect(200);
    expect(one.body.items.map((d: FeedDeal) => d.externalId)).toEqual(['D-2']);
    const none = await api()
      .get('/api/v1/deals')
      .set('X-API-Key', apiKey.key)
      .query({ updatedSince: '2199-01-01T00:00:00Z' })
      .expect(200);
    expect(none.body).toEqual({ items: [], nextCursor: null });
    const bad = await api().get('/api/v1/deals').set('X-API-Key', apiKey.key).query({ cursor: 'bm9wZQ' }).expect(400);
    expect(bad.body).toEqual(errorShape(400));
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('shows a company only its own deals', async () => {
    const a = await companyWithClients('C-1');
    const b = await companyWithClients('C-1');
    await pushDeals(a.apiKey.key, [dealItem('D-A', 'C-1')]).expect(200);
    await pushDeals(b.apiKey.key, [dealItem('D-B', 'C-1')]).expect(200);
    expect((await readFeed<FeedDeal>(a.apiKey.key, 'deals')).items.map((d) => d.externalId)).toEqual(['D-A']);
    expect((await readFeed<FeedDeal>(b.apiKey.key, 'deals')).items.map((d) => d.externalId)).toEqual(['D-B']);
  });
});
