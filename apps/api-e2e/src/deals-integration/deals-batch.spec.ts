import type { DataSource } from 'typeorm';
import { api, errorShape } from '../support/client';
import { readFeed } from '../support/crm';
import { companyWithClients, database, dealItem, type FeedDeal, history, pushDeals } from './deals';

describe('POST /api/v1/deals/batch', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await database();
  });
  afterAll(() => ds?.destroy());

  it('creates deals in the default pipeline’s first stage, or in the named pipeline and stage', async () => {
    const { apiKey, companyId } = await companyWithClients('C-1', 'C-2');
    const res = await pushDeals(apiKey.key, [
      dealItem('D-1', 'C-1', { amount: 1234.5, expectedCloseDate: '2026-12-20' }),
      dealItem('D-2', 'C-2', { pipeline: 'воронка ПРОДАЖ', stage: 'Предложение', currency: 'USD', amount: '99.99' }),
      dealItem('D-3', 'C-1', { stage: 'Выиграна' }),
    ]).expect(200);
    expect(res.body).toEqual({ created: 3, updated: 0, unchanged: 0, failed: [], warnings: [] });

    const { items } = await readFeed<FeedDeal>(apiKey.key, 'deals');
    const byId = Object.fromEntries(items.map((d) => [d.externalId, d]));
    expect(Object.keys(byId).sort()).toEqual(['D-1', 'D-2', 'D-3']);
    expect(byId['D-1']).toMatchObject({
      clientExternalId: 'C-1',
      title: 'Сделка D-1',
      amount: '1234.50',
      currency: 'RUB',
      pipelineName: 'Воронка продаж',
      stageName: 'Новая',
      status: 'open',
      probability: 10,
      expectedCloseDate: '2026-12-20',
      closedAt: null,
    });
    expect(byId['D-2']).toMatchObject({ stageName: 'Предложение', status: 'open', amount: '99.99', currency: 'USD' });
    expect(byId['D-3']).toMatchObject({ stageName: 'Выиграна', status: 'won', closedAt: expect.any(String) });
    // Creation is the first history row, from no stage, by no user (the integration).
    expect(await history(ds, companyId, 'D-1')).toEqual([{ from: null, to: 'Новая', userId: null }]);
    expect(await history(ds, companyId, 'D-3')).toEqual([{ from: null, to: 'Выиграна', userId: null }]);
  });

  it('is idempotent: a replay is unchanged and records no history; a change is updated, a new stage recorded', async () => {
    const { apiKey, companyId } = await companyWithClients('C-1');
    const batch = Array.from({ length: 30 }, (_, i) => dealItem(`D-${i}`, 'C-1', { amount: `${100 + i}.50` }));
    expect((await pushDeals(apiKey.key, batch).expect(200)).body).toMatchObject({
      created: 30,
      updated: 0,
      unchanged: 0,
    });
    // The same deals again, amounts as numbers: nothing changes.
    const replay = batch.map((d, i) => ({ ...d, amount: 100 + i + 0.5 }));
    expect((await pushDeals(apiKey.key, replay).expect(200)).body).toEqual({
      created: 0,
      updated: 0,
      unchanged: 30,
      failed: [],
      warnings: [],
    });
    const before = (await readFeed<FeedDeal>(apiKey.key, 'deals')).items.find((d) => d.externalId === 'D-0');

    const moved = await pushDeals(apiKey.key, [
      dealItem('D-0', 'C-1', { amount: '100.50', stage: 'Квалификация' }),
      dealItem('D-1', 'C-1', { amount: '999.00' }),
      dealItem('D-2', 'C-1', { amount: '102.50', stage: 'Проиграна', lostReason: 'Дорого' }),
    ]).expect(200);
    expect(moved.body).toEqual({ created: 0, updated: 3, unchanged: 0, failed: [], warnings: [] });
    // Moving again to the same stage (name only, no other change) is a replay.
    expect(
      (await pushDeals(apiKey.key, [dealItem('D-0', 'C-1', { amount: '100.50', stage: 'квалификация' })]).expect(200))
        .body,
    ).toMatchObject({ unchanged: 1 });

    const after = Object.fromEntries(
      (await readFeed<FeedDeal>(apiKey.key, 'deals')).items.map((d) => [d.externalId, d]),
    );
    expect(after['D-0']).toMatchObject({ id: before?.id, stageName: 'Квалификация', status: 'open' });
    expect(after['D-1']).toMatchObject({ amount: '999.00', stageName: 'Новая' });
    expect(after['D-2']).toMatchObject({ stageName: 'Проиграна', status: 'lost', lostReason: 'Дорого' });
    expect(await history(ds, companyId, 'D-0')).toEqual([
      { from: null, to: 'Новая', userId: null },
      { from: 'Новая', to: 'Квалификация', userId: null },
    ]);
    expect(await history(ds, companyId, 'D-1')).toEqual([{ from: null, to: 'Новая', userId: null }]);
    expect(await history(ds, companyId, 'D-2')).toEqual([
      { from: null, to: 'Новая', userId: null },
      { from: 'Новая', to: 'Проиграна', userId: null },
    ]);
  });

  it('stores the valid items and fails each invalid one with its index and reasons', async () => {
    const { apiKey } = await companyWithClients('C-1');
    const res = await pushDeals(apiKey.key, [
      dealItem('D-1', 'C-1'),
      dealItem('D-2', 'NO-SUCH-CLIENT'),
      dealItem('D-3', 'C-1', { pipeline: 'Нет такой' }),
      dealItem('D-4', 'C-1', { stage: 'Нет такой' }),
      dealItem('D-5', 'C-1', { amount: '10.005' }),
      dealItem('D-6', 'C-1', { currency: 'ZZZ' }),
      dealItem('D-7', 'C-1', { title: '' }),
      dealItem('D-8', 'C-1', { stage: 'Проиграна' }),
      dealItem('D-9', 'C-1', { expectedCloseDate: '2026-02-30' }),
      dealItem('D-1', 'C-1', { title: 'повтор' }),
      dealItem('D-10', 'C-1', { stage: 'Переговоры', expectedCloseDate: null }),
    ]).expect(200);
    expect(res.body).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      failed: [
        { index: 1, externalId: 'D-2', errors: ['clientExternalId is not a client of this company'] },
        { index: 2, externalId: 'D-3', errors: ['pipeline is not a pipeline of this company'] },
        { index: 3, externalId: 'D-4', errors: ['stage is not a stage of the pipeline'] },
        { index: 4, externalId: 'D-5', errors: ['amount must have at most 2 fractional digits for RUB'] },
        { index: 5, externalId: 'D-6', errors: [expect.stringContaining('ISO 4217')] },
        { index: 6, externalId: 'D-7', errors: [expect.stringContaining('title')] },
        { index: 7, externalId: 'D-8', errors: ['lostReason is required for a lost stage'] },
        { index: 8, externalId: 'D-9', errors: [expect.stringContaining('YYYY-MM-DD')] },
        { index: 9, externalId: 'D-1', errors: [expect.stringContaining('repeats')] },
      ],
      warnings: [],
    });
    const { items } = await readFeed<FeedDeal>(apiKey.key, 'deals');
    expect(items.map((d) => [d.externalId, d.stageName]).sort()).toEqual([
      ['D-1', 'Новая'],
      ['D-10', 'Переговоры'],
    ]);
  });

  it('answers 413 above 5,000 items and 400 without items, storing nothing', async () => {
    const { apiKey } = await companyWithClients('C-1');
    const items = Array.from({ length: 5001 }, (_, i) => dealItem(`D-${i}`, 'C-1'));
    const tooMany = await pushDeals(apiKey.key, items).expect(413);
    expect(tooMany.body).toEqual(errorShape(413));
    const missing = await api().post('/api/v1/deals/batch').set('X-API-Key', apiKey.key).send({}).expect(400);
    expect(missing.body).toEqual(errorShape(400));
    expect(missing.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'items' })]));
    expect((await readFeed(apiKey.key, 'deals')).items).toEqual([]);
  });

  it('keeps companies apart: the same externalIds in two companies are two deals, each company sees its own', async () => {
    const a = await companyWithClients('C-1');
    const b = await companyWithClients('C-1');
    await pushDeals(a.apiKey.key, [dealItem('D-1', 'C-1', { title: 'A' })]).expect(200);
    const res = await pushDeals(b.apiKey.key, [dealItem('D-1', 'C-1', { title: 'B' })]).expect(200);
    expect(res.body).toMatchObject({ created: 1, updated: 0 });
    const [da] = (await readFeed<FeedDeal>(a.apiKey.key, 'deals')).items;
    const [db] = (await readFeed<FeedDeal>(b.apiKey.key, 'deals')).items;
    expect([da.title, db.title]).toEqual(['A', 'B']);
    expect(da.id).not.toEqual(db.id);
    // A client of another company is unknown here.
    const other = await companyWithClients('ONLY-OTHER');
    await pushDeals(other.apiKey.key, [dealItem('D-9', 'ONLY-OTHER')]).expect(200);
    const fail = await pushDeals(b.apiKey.key, [dealItem('D-3', 'ONLY-OTHER')]).expect(200);
    expect(fail.body.failed).toEqual([
      { index: 0, externalId: 'D-3', errors: ['clientExternalId is not a client of this company'] },
    ]);
    expect((await readFeed<FeedDeal>(b.apiKey.key, 'deals')).items.map((d) => d.externalId)).toEqual(['D-1']);
  });

  it('answers 401 without a valid API key', async () => {
    const res = await api().post('/api/v1/deals/batch').send({ items: [] }).expect(401);
    expect(res.body).toEqual(errorShape(401));
  });
});
