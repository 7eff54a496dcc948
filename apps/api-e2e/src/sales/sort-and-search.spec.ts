import { binary, readCsv } from '../imports/imports-support';
import { api } from '../support/client';
import { companyWithKey, pushClients, pushSales, saleItem } from '../support/crm';

type Owner = Awaited<ReturnType<typeof companyWithKey>>;

const externalIds = (res: { body: { items: { externalId: string }[] } }) => res.body.items.map((s) => s.externalId);

const list = async (owner: Owner, what: 'clients' | 'sales', query: Record<string, string>) =>
  externalIds(
    await api()
      .get(`/api/companies/${owner.companyId}/${what}`)
      .set(owner.auth)
      .query({ pageSize: 100, ...query })
      .expect(200),
  );

/** The external ids of an export (first column of the CSV), in the file's order. */
const exported = async (owner: Owner, what: 'clients' | 'sales', query: Record<string, string>) => {
  const res = await api()
    .get(`/api/companies/${owner.companyId}/exports/${what}`)
    .set(owner.auth)
    .query({ ...query, locale: 'en' })
    .buffer(true)
    .parse(binary)
    .expect(200);
  const [, ...rows] = readCsv(res.body as Buffer, ',');
  return rows.map((row) => row[0]);
};

describe('sales sorted by amount in the base currency', () => {
  let owner: Owner;
  beforeAll(async () => {
    owner = await companyWithKey('ООО Курс');
    const company = `/api/companies/${owner.companyId}`;
    await api().patch(company).set(owner.auth).send({ timeZone: 'Europe/Moscow' }).expect(200);
    await api()
      .put(`${company}/exchange-rates`)
      .set(owner.auth)
      .send({
        rates: [
          { currency: 'USD', rate: '90', validFrom: '2026-01-01' },
          { currency: 'USD', rate: '100', validFrom: '2026-06-01' },
        ],
      })
      .expect(200);
    await pushClients(owner.apiKey.key, [{ externalId: 'C-1', name: 'Покупатель' }]).expect(200);
    await pushSales(owner.apiKey.key, [
      saleItem('R-900', 'C-1', { amount: '900', soldAt: '2026-03-01T12:00:00Z' }),
      saleItem('R-10', 'C-1', { amount: '10', soldAt: '2026-03-01T12:00:00Z' }),
      // 890.10 RUB at 90.
      saleItem('U-9.89', 'C-1', { amount: '9.89', currency: 'USD', soldAt: '2026-03-01T12:00:00Z' }),
      // 950 RUB at the June rate.
      saleItem('U-9.50', 'C-1', { amount: '9.50', currency: 'USD', soldAt: '2026-07-01T12:00:00Z' }),
      // 31 Dec in UTC but 1 Jan in Moscow, the company's day: 4,500 RUB at 90.
      saleItem('U-50', 'C-1', { amount: '50', currency: 'USD', soldAt: '2025-12-31T22:00:00Z' }),
      // No EUR rate, and no USD rate in force on 30 Dec: they cannot be converted and sort last.
      saleItem('E-1', 'C-1', { amount: '1', currency: 'EUR', soldAt: '2026-03-01T12:00:00Z' }),
      saleItem('U-early', 'C-1', { amount: '1000', currency: 'USD', soldAt: '2025-12-30T12:00:00Z' }),
    ]).expect(200);
  });

  it('orders the list by the converted amount, unconvertible sales last in both directions', async () => {
    const ascending = await list(owner, 'sales', { sort: 'amount' });
    expect(ascending.slice(0, 5)).toEqual(['R-10', 'U-9.89', 'R-900', 'U-9.50', 'U-50']);
    expect(ascending.slice(5).sort()).toEqual(['E-1', 'U-early']);
    expect((await list(owner, 'sales', { sort: '-amount' })).slice(0, 5)).toEqual([
      'U-50',
      'U-9.50',
      'R-900',
      'U-9.89',
      'R-10',
    ]);
    expect((await list(owner, 'sales', { sort: '-amount' })).slice(5).sort()).toEqual(['E-1', 'U-early']);
  });

  it('pages through the converted order without losing or repeating a sale', async () => {
    const pages: string[] = [];
    for (const page of ['1', '2', '3', '4']) {
      pages.push(...(await list(owner, 'sales', { sort: '-amount', page, pageSize: '2' })));
    }
    expect(pages).toEqual(await list(owner, 'sales', { sort: '-amount' }));
  });

  it('exports in the order the list shows', async () => {
    for (const sort of ['amount', '-amount']) {
      expect(await exported(owner, 'sales', { sort })).toEqual(await list(owner, 'sales', { sort }));
    }
  });

  it('follows rates added and replaced and a changed time zone, in the list and the export', async () => {
    const company = `/api/companies/${owner.companyId}`;
    // An EUR rate: 1 EUR = 95 RUB, between R-10 and U-9.89.
    await api()
      .put(`${company}/exchange-rates`)
      .set(owner.auth)
      .send({ rates: [{ currency: 'EUR', rate: '95', validFrom: '2026-01-01' }] })
      .expect(200);
    let ascending = await list(owner, 'sales', { sort: 'amount' });
    expect(ascending).toEqual(['R-10', 'E-1', 'U-9.89', 'R-900', 'U-9.50', 'U-50', 'U-early']);
    // The June USD rate replaced: 9.50 USD at 1 = 9.50 RUB, the smallest.
    await api()
      .put(`${company}/exchange-rates`)
      .set(owner.auth)
      .send({ rates: [{ currency: 'USD', rate: '1', validFrom: '2026-06-01' }] })
      .expect(200);
    ascending = await list(owner, 'sales', { sort: 'amount' });
    expect(ascending.slice(0, 3)).toEqual(['U-9.50', 'R-10', 'E-1']);
    // In UTC, U-50 is on 31 Dec, before any USD rate: it cannot be converted any more.
    await api().patch(company).set(owner.auth).send({ timeZone: 'UTC' }).expect(200);
    expect((await list(owner, 'sales', { sort: '-amount' })).slice(0, 5)).toEqual([
      'R-900',
      'U-9.89',
      'E-1',
      'R-10',
      'U-9.50',
    ]);
    for (const sort of ['amount', '-amount']) {
      expect(await exported(owner, 'sales', { sort })).toEqual(await list(owner, 'sales', { sort }));
    }
  });
});

describe('search reads «ё» as «е»', () => {
  let owner: Owner;
  beforeAll(async () => {
    owner = await companyWithKey('ООО Поиск');
    await pushClients(owner.apiKey.key, [
      { externalId: 'C-yo', name: 'Ёлкин Пётр' },
      { externalId: 'C-ye', name: 'Елкина Анна', email: 'elkina@example.ru' },
      { externalId: 'C-other', name: 'Иванов Иван' },
    ]).expect(200);
    await pushSales(owner.apiKey.key, [
      saleItem('S-yo', 'C-yo', { soldAt: '2026-11-01T10:00:00Z' }),
      saleItem('S-ye', 'C-ye', { soldAt: '2026-11-02T10:00:00Z' }),
      saleItem('S-other', 'C-other', { soldAt: '2026-11-03T10:00:00Z' }),
    ]).expect(200);
  });

  it('finds clients whatever of the two letters the name or the query has', async () => {
    for (const q of ['елкин', 'ёлкин', 'ЕЛКИН', 'Ёлкин']) {
      expect((await list(owner, 'clients', { q, sort: 'name' })).sort()).toEqual(['C-ye', 'C-yo']);
    }
    expect(await list(owner, 'clients', { q: 'петр' })).toEqual(['C-yo']);
    expect(await list(owner, 'clients', { q: 'пётр' })).toEqual(['C-yo']);
    expect(await list(owner, 'clients', { q: 'ёлкина' })).toEqual(['C-ye']);
  });

  it('finds sales by their buyer the same way, and exports exactly what the lists show', async () => {
    expect(await list(owner, 'sales', { q: 'елкин', sort: 'soldAt' })).toEqual(['S-yo', 'S-ye']);
    expect(await list(owner, 'sales', { q: 'пётр' })).toEqual(['S-yo']);
    expect(await exported(owner, 'sales', { q: 'елкин', sort: 'soldAt' })).toEqual(['S-yo', 'S-ye']);
    expect(await exported(owner, 'clients', { q: 'петр' })).toEqual(['C-yo']);
    expect((await exported(owner, 'clients', { q: 'Ёлкин' })).sort()).toEqual(['C-ye', 'C-yo']);
  });
});
