import { api, errorShape } from '../support/client';
import { clientItem, companyWithKey, pushClients, pushSales, readFeed, saleItem } from '../support/crm';

interface FeedSale {
  externalId: string;
  clientExternalId: string;
  amount: string;
  currency: string;
  status: string;
  soldAt: string;
  items: { sku: string | null; name: string; quantity: number; unitPrice: string }[];
}

async function companyWithClients(...externalIds: string[]) {
  const company = await companyWithKey();
  await pushClients(
    company.apiKey.key,
    externalIds.map((id) => clientItem(id, { name: `Клиент ${id}` })),
  ).expect(200);
  return company;
}

const saleByExternalId = async (key: string, externalId: string) =>
  (await api().get('/api/v1/sales').set('X-API-Key', key).query({ externalId }).expect(200)).body.items[0] as FeedSale;

describe('POST /api/v1/sales/batch', () => {
  it('stores valid sales and fails invalid ones (an unknown clientExternalId too) with their index and reasons', async () => {
    const { apiKey } = await companyWithClients('C-1');
    const res = await pushSales(apiKey.key, [
      saleItem('S-1', 'C-1', { amount: '1234.5' }),
      saleItem('S-2', 'NO-SUCH-CLIENT'),
      saleItem('S-3', 'C-1', { amount: '10.005' }),
      saleItem('S-4', 'C-1', { currency: 'ZZZ' }),
      saleItem('S-5', 'C-1', { soldAt: 'yesterday' }),
      saleItem('S-6', 'C-1', { status: 'lost' }),
      saleItem('S-7', 'C-1', { amount: -5 }),
      saleItem('S-8', 'C-1', { amount: 99.99, status: 'pending' }),
    ]).expect(200);
    expect(res.body).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      failed: [
        { index: 1, externalId: 'S-2', errors: ['clientExternalId is not a client of this company'] },
        { index: 2, externalId: 'S-3', errors: ['amount must have at most 2 fractional digits for RUB'] },
        { index: 3, externalId: 'S-4', errors: [expect.stringContaining('ISO 4217')] },
        { index: 4, externalId: 'S-5', errors: [expect.stringContaining('ISO 8601')] },
        { index: 5, externalId: 'S-6', errors: [expect.stringContaining('status must be one of')] },
        { index: 6, externalId: 'S-7', errors: ['amount must not be negative'] },
      ],
      warnings: [],
    });
    const { items } = await readFeed<FeedSale>(apiKey.key, 'sales');
    expect(items.map((s) => [s.externalId, s.amount, s.status, s.clientExternalId]).sort()).toEqual([
      ['S-1', '1234.50', 'paid', 'C-1'],
      ['S-8', '99.99', 'pending', 'C-1'],
    ]);
  });

  it('answers money as strings with exactly the currency’s minor digits', async () => {
    const { apiKey } = await companyWithClients('C-1');
    await pushSales(apiKey.key, [
      saleItem('RUB', 'C-1', { amount: 1234.5 }),
      saleItem('JPY', 'C-1', { amount: '1500', currency: 'JPY' }),
      saleItem('KWD', 'C-1', { amount: '12.125', currency: 'KWD' }),
      saleItem('USD', 'C-1', { amount: '7', currency: 'USD', items: [{ name: 'Pen', quantity: 2, unitPrice: 3.5 }] }),
    ]).expect(200);
    const amounts = Object.fromEntries(
      (await readFeed<FeedSale>(apiKey.key, 'sales')).items.map((s) => [s.externalId, s.amount]),
    );
    expect(amounts).toEqual({ RUB: '1234.50', JPY: '1500', KWD: '12.125', USD: '7.00' });
    expect((await saleByExternalId(apiKey.key, 'USD')).items).toEqual([
      { sku: null, name: 'Pen', quantity: 2, unitPrice: '3.50' },
    ]);
  });

  it('counts a replay as unchanged (numbers or strings alike), a change as updated', async () => {
    const { apiKey } = await companyWithClients('C-1', 'C-2');
    const items = [{ sku: 'A-1', name: 'Чайник', quantity: 2, unitPrice: '617.25' }];
    const batch = Array.from({ length: 20 }, (_, i) =>
      saleItem(`S-${i}`, i % 2 ? 'C-1' : 'C-2', { amount: '1234.50', items }),
    );
    expect((await pushSales(apiKey.key, batch).expect(200)).body).toEqual({
      created: 20,
      updated: 0,
      unchanged: 0,
      failed: [],
      warnings: [],
    });
    const sameValues = batch.map((s) => ({
      ...s,
      amount: 1234.5,
      soldAt: '2026-11-20T07:15:00Z',
      items: [{ sku: 'A-1', name: 'Чайник', quantity: '2.000', unitPrice: 617.25 }],
    }));
    expect((await pushSales(apiKey.key, sameValues).expect(200)).body).toEqual({
      created: 0,
      updated: 0,
      unchanged: 20,
      failed: [],
      warnings: [],
    });
    const changed = batch.map((s, i) =>
      i === 0
        ? { ...s, amount: '1.00' }
        : i === 1
          ? { ...s, items: [{ ...items[0], quantity: 3 }] }
          : i === 2
            ? { ...s, clientExternalId: 'C-1' }
            : s,
    );
    expect((await pushSales(apiKey.key, changed).expect(200)).body).toEqual({
      created: 0,
      updated: 3,
      unchanged: 17,
      failed: [],
      // Stored as sent, with a word on the amounts that no longer match their items.
      warnings: [
        { index: 0, externalId: 'S-0', warnings: ["amount 1.00 differs from the items' total 1234.50"] },
        { index: 1, externalId: 'S-1', warnings: ["amount 1234.50 differs from the items' total 1851.75"] },
      ],
    });
    expect((await readFeed(apiKey.key, 'sales', { limit: 1000 })).items).toHaveLength(20);
    expect((await saleByExternalId(apiKey.key, 'S-1')).items[0].quantity).toBe(3);
  });

  it('keeps the stored status and items when omitted, replaces items when given', async () => {
    const { apiKey } = await companyWithClients('C-1');
    const items = [
      { sku: 'A', name: 'Первый', quantity: 1, unitPrice: '10.00' },
      { name: 'Второй', quantity: 1.5, unitPrice: '20' },
    ];
    await pushSales(apiKey.key, [saleItem('S-1', 'C-1', { amount: '40', status: 'refunded', items })]).expect(200);
    const replay = await pushSales(apiKey.key, [saleItem('S-1', 'C-1', { amount: '40' })]).expect(200);
    expect(replay.body).toEqual({ created: 0, updated: 0, unchanged: 1, failed: [], warnings: [] });
    let sale = await saleByExternalId(apiKey.key, 'S-1');
    expect(sale.status).toBe('refunded');
    expect(sale.items).toEqual([
      { sku: 'A', name: 'Первый', quantity: 1, unitPrice: '10.00' },
      { sku: null, name: 'Второй', quantity: 1.5, unitPrice: '20.00' },
    ]);
    await pushSales(apiKey.key, [
      saleItem('S-1', 'C-1', { amount: '40', items: [{ name: 'Один', quantity: 4, unitPrice: '10' }] }),
    ]).expect(200);
    sale = await saleByExternalId(apiKey.key, 'S-1');
    expect(sale.items).toEqual([{ sku: null, name: 'Один', quantity: 4, unitPrice: '10.00' }]);
    expect(sale.status).toBe('refunded');
    await pushSales(apiKey.key, [saleItem('S-1', 'C-1', { amount: '40', items: [] })]).expect(200);
    expect((await saleByExternalId(apiKey.key, 'S-1')).items).toEqual([]);
  });

  it('moves the buyer’s lastInteractionAt to its latest sale, never back', async () => {
    const { apiKey } = await companyWithClients('C-1');
    await pushSales(apiKey.key, [
      saleItem('S-1', 'C-1', { soldAt: '2026-03-01T12:00:00Z' }),
      saleItem('S-2', 'C-1', { soldAt: '2026-05-01T12:00:00Z' }),
    ]).expect(200);
    await pushSales(apiKey.key, [saleItem('S-3', 'C-1', { soldAt: '2026-01-01T12:00:00Z' })]).expect(200);
    const client = (
      await api().get('/api/v1/clients').set('X-API-Key', apiKey.key).query({ externalId: 'C-1' }).expect(200)
    ).body.items[0];
    expect(client.lastInteractionAt).toBe('2026-05-01T12:00:00.000Z');
  });

  it('refuses 5,001 items with 413 and stores none of them', async () => {
    const { apiKey } = await companyWithClients('C-1');
    const res = await pushSales(
      apiKey.key,
      Array.from({ length: 5001 }, (_, i) => saleItem(`S-${i}`, 'C-1')),
    ).expect(413);
    expect(res.body).toEqual(errorShape(413));
    expect((await api().get('/api/v1/sales').set('X-API-Key', apiKey.key).expect(200)).body.items).toEqual([]);
  });

  it('does not let a key use another company’s clients', async () => {
    const a = await companyWithClients('C-A');
    const b = await companyWithKey();
    const res = await pushSales(b.apiKey.key, [saleItem('S-1', 'C-A')]).expect(200);
    expect(res.body.failed).toEqual([
      { index: 0, externalId: 'S-1', errors: ['clientExternalId is not a client of this company'] },
    ]);
    expect((await readFeed(a.apiKey.key, 'sales')).items).toEqual([]);
  });
});
