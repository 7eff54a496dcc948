import { api, errorShape, registerUser } from '../support/client';
import { clientItem, companyWithKey, createApiKey, pushClients, pushSales, saleItem } from '../support/crm';

/*
 * Returns (CONTRACT.md "Returns"): a sale with `kind: "return"` gives back part or all of the sale
 * `returnOf` — same client and currency, positive amounts, never more than the original still has
 * unreturned, several partial returns adding up — on the batch API (by externalId) and the web API
 * (by id). A paid return lowers revenue on its own day and is no sale.
 */

const line = (sku: string, quantity: string, unitPrice: string) => ({ sku, name: `Товар ${sku}`, quantity, unitPrice });
const original = saleItem('S-1', 'C-1', {
  amount: '100.00',
  currency: 'GBP',
  soldAt: '2026-03-02T10:00:00Z',
  items: [line('A', '3', '20.00'), line('B', '2', '20.00')],
});
const giveBack = (externalId: string, fields: Record<string, unknown> = {}) =>
  saleItem(externalId, 'C-1', {
    kind: 'return',
    returnOf: 'S-1',
    amount: '20.00',
    currency: 'GBP',
    soldAt: '2026-03-10T10:00:00Z',
    items: [line('A', '1', '20.00')],
    ...fields,
  });

async function company() {
  const c = await companyWithKey();
  await pushClients(c.apiKey.key, [clientItem('C-1'), clientItem('C-2')]).expect(200);
  return c;
}

const feedItem = async (key: string, externalId: string) =>
  (await api().get('/api/v1/sales').set('X-API-Key', key).query({ externalId }).expect(200)).body.items[0];

describe('returns on the batch API', () => {
  it('takes partial returns that add up to the original, in the same batch as the sale or later, and refuses more', async () => {
    const { apiKey } = await company();
    const first = await pushSales(apiKey.key, [original, giveBack('R-1'), giveBack('R-2')]).expect(200);
    expect(first.body).toEqual({ created: 3, updated: 0, unchanged: 0, failed: [], warnings: [] });
    // 40.00 and two A given back: 60.00 and one A, two B left.
    const more = await pushSales(apiKey.key, [
      giveBack('R-3', { amount: '60.01', items: [] }),
      giveBack('R-4', { items: [line('A', '2', '20.00')] }),
      giveBack('R-5', { items: [line('A', '1', '20.01')] }),
      giveBack('R-6', { items: [line('C', '1', '1.00')] }),
      giveBack('R-7', { amount: '40.00', items: [line('A', '1', '20.00'), line('B', '2', '10.00')] }),
      giveBack('R-8', { amount: '20.01', items: [] }),
      giveBack('R-9', { amount: '20.00', items: [] }),
    ]).expect(200);
    expect(more.body.failed).toEqual([
      { index: 0, externalId: 'R-3', errors: ['amount 60.01 is more than the sale has unreturned (60.00)'] },
      {
        index: 1,
        externalId: 'R-4',
        errors: ['items: A quantity 2 is more than the sale has unreturned (1)'],
      },
      { index: 2, externalId: 'R-5', errors: ["items.0.unitPrice is more than the sale's price (20.00)"] },
      { index: 3, externalId: 'R-6', errors: ['items.0: C is not an item of the sale'] },
      { index: 5, externalId: 'R-8', errors: ['amount 20.01 is more than the sale has unreturned (20.00)'] },
    ]);
    expect(more.body.created).toBe(2);
    // The original is now fully returned; a replay of everything changes nothing.
    const replay = await pushSales(apiKey.key, [original, giveBack('R-1'), giveBack('R-2')]).expect(200);
    expect(replay.body).toEqual({ created: 0, updated: 0, unchanged: 3, failed: [], warnings: [] });
    expect(await feedItem(apiKey.key, 'R-1')).toMatchObject({
      kind: 'return',
      returnOf: 'S-1',
      amount: '20.00',
      clientExternalId: 'C-1',
    });
    expect(await feedItem(apiKey.key, 'S-1')).toMatchObject({ kind: 'sale', returnOf: null });
  });

  it('refuses returns of another client, currency, a return, an unknown sale, and no or a stray returnOf', async () => {
    const { apiKey } = await company();
    await pushSales(apiKey.key, [original, giveBack('R-1')]).expect(200);
    const res = await pushSales(apiKey.key, [
      giveBack('X-1', { clientExternalId: 'C-2' }),
      giveBack('X-2', { currency: 'EUR' }),
      giveBack('X-3', { returnOf: 'R-1' }),
      giveBack('X-4', { returnOf: 'NO-SUCH-SALE' }),
      giveBack('X-5', { returnOf: undefined }),
      saleItem('X-6', 'C-1', { returnOf: 'S-1' }),
      giveBack('X-7', { amount: '0' }),
      giveBack('X-8', { amount: '-5' }),
      giveBack('X-9', { returnOf: 'X-9' }),
    ]).expect(200);
    expect(res.body.created).toBe(0);
    expect(res.body.failed.map((f: { index: number; errors: string[] }) => [f.index, f.errors])).toEqual([
      [0, ['a return must have the same client as its sale']],
      [1, ['a return must have the same currency as its sale (GBP)']],
      [2, ['returnOf must name a sale, not a return']],
      [3, ['returnOf is not a sale of this company']],
      [4, ['returnOf is required for a return']],
      [5, ['returnOf is only for returns (kind "return")']],
      [6, ['amount of a return must be positive']],
      [7, [expect.stringMatching(/amount/)]],
      [8, ['a return cannot return itself']],
    ]);
  });

  it('keeps an original that has returns on its client and currency and above what they gave back', async () => {
    const { apiKey } = await company();
    await pushSales(apiKey.key, [original, giveBack('R-1', { amount: '30.00' })]).expect(200);
    const moved = await pushSales(apiKey.key, [{ ...original, clientExternalId: 'C-2' }]).expect(200);
    expect(moved.body.failed).toEqual([
      { index: 0, externalId: 'S-1', errors: ['a sale with returns keeps its client'] },
    ]);
    const euros = await pushSales(apiKey.key, [{ ...original, currency: 'EUR' }]).expect(200);
    expect(euros.body.failed).toEqual([
      { index: 0, externalId: 'S-1', errors: ['a sale with returns keeps its currency'] },
    ]);
    const lower = await pushSales(apiKey.key, [{ ...original, amount: '29.99' }]).expect(200);
    expect(lower.body.failed).toEqual([
      { index: 0, externalId: 'S-1', errors: ['amount must be at least what its returns gave back (30.00)'] },
    ]);
    const fine = await pushSales(apiKey.key, [{ ...original, amount: '30.00', status: 'pending' }]).expect(200);
    expect(fine.body).toMatchObject({ updated: 1, failed: [] });
  });

  it("never lets a return reach another company's sale", async () => {
    const a = await company();
    const b = await company();
    await pushSales(a.apiKey.key, [original]).expect(200);
    const res = await pushSales(b.apiKey.key, [giveBack('R-1')]).expect(200);
    expect(res.body.failed).toEqual([
      { index: 0, externalId: 'R-1', errors: ['returnOf is not a sale of this company'] },
    ]);
  });
});

describe('amounts and unit prices on the batch API', () => {
  it('stores unit prices with up to 4 fractional digits and answers them with their digits', async () => {
    const { apiKey } = await company();
    const res = await pushSales(apiKey.key, [
      saleItem('P-1', 'C-1', { amount: '1.00', currency: 'GBP', items: [line('X', '1000', '0.001')] }),
      saleItem('P-2', 'C-1', { amount: '1.00', currency: 'GBP', items: [line('X', '1', '0.00001')] }),
    ]).expect(200);
    expect(res.body.created).toBe(1);
    expect(res.body.failed).toEqual([{ index: 1, externalId: 'P-2', errors: [expect.stringMatching(/unitPrice/)] }]);
    expect((await feedItem(apiKey.key, 'P-1')).items).toEqual([
      { sku: 'X', name: 'Товар X', quantity: 1000, unitPrice: '0.001' },
    ]);
  });

  it('stores a sale whose amount disagrees with its items as sent and warns about it', async () => {
    const { apiKey } = await company();
    const res = await pushSales(apiKey.key, [
      saleItem('W-1', 'C-1', { amount: '100.00', items: [line('A', '2', '51.25')] }),
      saleItem('W-2', 'C-1', { amount: '102.50', items: [line('A', '2', '51.25')] }),
      saleItem('W-3', 'C-1', { amount: '1.00', items: [line('A', '3', '0.3333')] }),
      saleItem('W-4', 'C-1', { amount: '5.00' }),
    ]).expect(200);
    expect(res.body).toEqual({
      created: 4,
      updated: 0,
      unchanged: 0,
      failed: [],
      warnings: [{ index: 0, externalId: 'W-1', warnings: ["amount 100.00 differs from the items' total 102.50"] }],
    });
    expect((await feedItem(apiKey.key, 'W-1')).amount).toBe('100.00');
  });
});

describe('returns on the web API', () => {
  it('creates, lists, shows and changes returns by id, within what the sale has unreturned', async () => {
    const owner = await registerUser();
    const key = (await createApiKey(owner)).key;
    await pushClients(key, [clientItem('C-1'), clientItem('C-2')]).expect(200);
    await pushSales(key, [original]).expect(200);
    const sale = await feedItem(key, 'S-1');
    const base = `/api/companies/${owner.companyId}/sales`;
    const body = {
      clientId: sale.clientId,
      kind: 'return',
      returnOf: sale.id,
      amount: '25.00',
      currency: 'GBP',
      soldAt: '2026-03-11T10:00:00Z',
      items: [line('B', '1', '20.00')],
    };
    const created = await api().post(base).set(owner.auth).send(body).expect(201);
    expect(created.body).toMatchObject({
      kind: 'return',
      returnOf: sale.id,
      amount: '25.00',
      original: { id: sale.id },
    });
    expect(created.body.warnings).toEqual(["amount 25.00 differs from the items' total 20.00"]);
    const tooMuch = await api()
      .post(base)
      .set(owner.auth)
      .send({ ...body, amount: '75.01', items: [] })
      .expect(400);
    expect(tooMuch.body).toMatchObject(errorShape(400));
    expect(tooMuch.body.details).toEqual([
      { field: 'amount', messages: ['amount 75.01 is more than the sale has unreturned (75.00)'] },
    ]);
    await api()
      .post(base)
      .set(owner.auth)
      .send({ ...body, returnOf: undefined })
      .expect(400);
    await api()
      .post(base)
      .set(owner.auth)
      .send({ ...body, returnOf: '00000000-0000-4000-8000-000000000000' })
      .expect(400);

    const detail = await api().get(`${base}/${sale.id}`).set(owner.auth).expect(200);
    expect(detail.body.returns.map((r: { id: string; amount: string }) => [r.id, r.amount])).toEqual([
      [created.body.id, '25.00'],
    ]);
    expect(detail.body.original).toBeNull();
    const returnsOnly = await api().get(base).set(owner.auth).query({ kind: 'return' }).expect(200);
    expect(returnsOnly.body.items.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    const clientSales = await api()
      .get(`/api/companies/${owner.companyId}/clients/${sale.clientId}/sales`)
      .set(owner.auth)
      .expect(200);
    expect(clientSales.body.items.map((r: { kind: string }) => r.kind).sort()).toEqual(['return', 'sale']);

    // A return changed within what is left; not beyond; the original not below it.
    await api().patch(`${base}/${created.body.id}`).set(owner.auth).send({ amount: '100.00' }).expect(200);
    const over = await api().patch(`${base}/${created.body.id}`).set(owner.auth).send({ amount: '100.01' }).expect(400);
    expect(over.body.details[0].field).toBe('amount');
    const below = await api().patch(`${base}/${sale.id}`).set(owner.auth).send({ amount: '99.99' }).expect(400);
    expect(below.body.details[0].messages).toEqual(['amount must be at least what its returns gave back (100.00)']);
    await api().patch(`${base}/${sale.id}`).set(owner.auth).send({ currency: 'EUR' }).expect(400);

    // Deleting the sale deletes its returns.
    await api().delete(`${base}/${sale.id}`).set(owner.auth).expect(204);
    await api().get(`${base}/${created.body.id}`).set(owner.auth).expect(404);
  });

  it('nets paid returns out of revenue on their own day and counts them apart', async () => {
    const owner = await registerUser();
    await api().patch(`/api/companies/${owner.companyId}`).set(owner.auth).send({ baseCurrency: 'GBP' }).expect(200);
    const key = (await createApiKey(owner)).key;
    await pushClients(key, [clientItem('C-1')]).expect(200);
    await pushSales(key, [
      original,
      giveBack('R-1', { soldAt: '2026-04-05T10:00:00Z' }),
      giveBack('R-2', { soldAt: '2026-04-06T10:00:00Z', status: 'pending' }),
    ]).expect(200);
    const summary = (from: string, to: string) =>
      api()
        .get(`/api/companies/${owner.companyId}/analytics/summary`)
        .set(owner.auth)
        .query({ from, to })
        .expect(200)
        .then((r) => r.body);
    const march = await summary('2026-03-01', '2026-03-31');
    expect(march).toMatchObject({ revenue: '100.00', salesCount: 1, returns: { count: 0, amount: '0.00' } });
    const april = await summary('2026-04-01', '2026-04-30');
    expect(april).toMatchObject({
      revenue: '-20.00',
      salesCount: 0,
      buyers: 0,
      averageOrderValue: null,
      returns: { count: 1, amount: '20.00' },
    });
    const both = await summary('2026-03-01', '2026-04-30');
    expect(both).toMatchObject({ revenue: '80.00', salesCount: 1, buyers: 1, averageOrderValue: '80.00' });
  });
});

describe('returns in the OpenAPI document', () => {
  it('describes kind, returnOf, the batch warnings and summary.returns', async () => {
    const doc = (await api().get('/api/docs-json').expect(200)).body as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    const props = (schema: string) => Object.keys(doc.components.schemas[schema]?.properties ?? {});
    expect(props('SaleBatchItemDto')).toEqual(expect.arrayContaining(['kind', 'returnOf']));
    expect(props('CreateSaleDto')).toEqual(expect.arrayContaining(['kind', 'returnOf']));
    expect(props('SaleResponse')).toEqual(expect.arrayContaining(['kind', 'returnOf']));
    expect(props('SaleDetailResponse')).toEqual(expect.arrayContaining(['returns', 'original', 'warnings']));
    expect(props('BatchResultResponse')).toContain('warnings');
    expect(props('BatchWarningResponse')).toEqual(['index', 'externalId', 'warnings']);
    expect(props('AnalyticsPeriodResponse')).toContain('returns');
    expect(props('AnalyticsReturnsResponse')).toEqual(['count', 'amount']);
    const list = doc.paths['/api/companies/{companyId}/sales']['get'].parameters?.map((p) => p.name);
    expect(list).toContain('kind');
  });
});
