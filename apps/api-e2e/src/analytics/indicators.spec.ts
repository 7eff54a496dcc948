import { api, errorShape } from '../support/client';
import { readFeed } from '../support/crm';
import { isReturn, minor, type RefSale, shiftDay } from './reference';
import { buildScenario, random, type Scenario, writeSales } from './scenario';

/**
 * Exactness of the indicators: generated companies (several currencies and rates, every status,
 * sales at local midnight and month ends, a fixed-offset and a DST time zone) are written through
 * the integration API, and every figure the API answers is compared field by field with the
 * independent computation in `reference.ts` — before and after updates, deletes and a time-zone
 * change (which the database answers from trigger-maintained rollups).
 */

const daysBetween = (from: string, to: string) => {
  const days: string[] = [];
  for (let d = from; d <= to; d = shiftDay(d, 1)) days.push(d);
  return days;
};

async function expectIndicators(s: Scenario, from: string, to: string, currency: string): Promise<void> {
  const ref = s.reference();
  const label = `${currency} ${from}..${to}`;
  const query = { from, to, currency };

  const summary = (await api().get(s.url('summary')).set(s.owner.auth).query(query).expect(200)).body;
  const length = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  const previousFrom = shiftDay(from, -length);
  const previousTo = shiftDay(from, -1);
  expect({ label, ...summary, warnings: undefined, change: undefined }).toEqual({
    label,
    currency,
    from,
    to,
    ...ref.figures(from, to, currency),
    previous: { from: previousFrom, to: previousTo, ...ref.figures(previousFrom, previousTo, currency) },
    warnings: undefined,
    change: undefined,
  });
  expectWarnings(summary.warnings, ref.unconverted(from, to, currency), label);

  for (const granularity of ['day', 'week', 'month'] as const) {
    const series = (
      await api()
        .get(s.url('timeseries'))
        .set(s.owner.auth)
        .query({ ...query, granularity })
        .expect(200)
    ).body;
    expect({ label, granularity, points: series.points }).toEqual({
      label,
      granularity,
      points: ref.timeseries(from, to, granularity, currency),
    });
    expectWarnings(series.warnings, ref.unconverted(from, to, currency), label);
  }

  const top = (
    await api()
      .get(s.url('top-clients'))
      .set(s.owner.auth)
      .query({ ...query, limit: 100 })
      .expect(200)
  ).body;
  const expectedTop = ref.topClients(from, to, currency, 100);
  expect(top.items.map((c: { revenue: string }) => c.revenue)).toEqual(expectedTop.map((c) => c.revenue));
  const asSet = (rows: { externalId: string | null; name: string | null; revenue: string; salesCount: number }[]) =>
    rows.map((r) => `${r.externalId}|${r.name}|${r.revenue}|${r.salesCount}`).sort();
  expect({ label, top: asSet(top.items) }).toEqual({
    label,
    top: asSet(expectedTop.map((c) => ({ ...c, externalId: c.client }))),
  });
  const top3 = (
    await api()
      .get(s.url('top-clients'))
      .set(s.owner.auth)
      .query({ ...query, limit: 3 })
      .expect(200)
  ).body;
  expect(top3.items.map((c: { revenue: string }) => c.revenue)).toEqual(expectedTop.slice(0, 3).map((c) => c.revenue));

  const statuses = (await api().get(s.url('by-status')).set(s.owner.auth).query(query).expect(200)).body;
  expect({
    label,
    items: statuses.items.map(({ status, salesCount, amount }: Record<string, unknown>) => ({
      status,
      salesCount,
      amount,
    })),
  }).toEqual({
    label,
    items: ref.byStatus(from, to, currency),
  });
  expectWarnings(
    statuses.warnings,
    ref.unconverted(from, to, currency, ['pending', 'paid', 'cancelled', 'refunded']),
    label,
  );

  const products = (
    await api()
      .get(s.url('products'))
      .set(s.owner.auth)
      .query({ ...query, limit: 500 })
      .expect(200)
  ).body;
  expect({
    label,
    products: products.items.map(
      (p: { sku: string | null; name: string; revenue: string; quantity: number; salesCount: number }) => ({
        key: p.sku ? `sku:${p.sku}` : `name:${p.name}`,
        revenue: p.revenue,
        quantity: p.quantity,
        salesCount: p.salesCount,
      }),
    ),
  }).toEqual({
    label,
    products: ref
      .products(from, to, currency)
      .map(({ key, revenue, quantity, salesCount }) => ({ key, revenue, quantity, salesCount })),
  });
}

function expectWarnings(
  warnings: { code: string; currency: string; salesCount: number; amount: string; sales: { externalId: string }[] }[],
  expected: { currency: string; salesCount: number; amount: string; externalIds: string[] }[],
  label: string,
): void {
  expect({
    label,
    warnings: warnings.map((w) => ({ code: w.code, currency: w.currency, salesCount: w.salesCount, amount: w.amount })),
  }).toEqual({
    label,
    warnings: expected.map((e) => ({
      code: 'unconverted-sales',
      currency: e.currency,
      salesCount: e.salesCount,
      amount: e.amount,
    })),
  });
  warnings.forEach((w, i) => {
    expect(w.sales).toHaveLength(Math.min(20, expected[i].salesCount));
    for (const sale of w.sales) expect(expected[i].externalIds).toContain(sale.externalId);
  });
}

describe('analytics indicators are exact', () => {
  // Vladivostok is UTC+10 all year: sales at 00:00:00 and 23:59:59 local sit on either side of a day,
  // month and year end. USD has rates from 2026-01-01 (December sales cannot be converted), EUR from
  // 2026-02-15, KWD (3 digits) from 2025-12-01, JPY (0 digits) none at all.
  let vladivostok: Scenario;
  const rates = [
    { currency: 'USD', rate: '90.1234', validFrom: '2026-01-01' },
    { currency: 'USD', rate: '91.5', validFrom: '2026-01-16' },
    { currency: 'USD', rate: '88.7777', validFrom: '2026-02-01' },
    { currency: 'USD', rate: '92.0000000001', validFrom: '2026-03-01' },
    { currency: 'EUR', rate: '99.125', validFrom: '2026-02-15' },
    { currency: 'EUR', rate: '100.3333333333', validFrom: '2026-03-10' },
    { currency: 'KWD', rate: '297.5', validFrom: '2025-12-01' },
  ];

  beforeAll(async () => {
    const days = daysBetween('2025-12-26', '2026-03-31');
    const edges = [
      '2025-12-31',
      '2026-01-01',
      '2026-01-31',
      '2026-02-01',
      '2026-02-14',
      '2026-02-15',
      '2026-02-28',
      '2026-03-01',
      '2026-03-31',
    ];
    vladivostok = await buildScenario({
      seed: 7,
      timeZone: 'Asia/Vladivostok',
      baseCurrency: 'RUB',
      days: [...days, ...edges, ...edges, ...edges],
      offset: () => '+10:00',
      rates,
      currencies: ['RUB', 'RUB', 'USD', 'EUR', 'KWD', 'JPY'],
      sales: 260,
      clients: 14,
    });
    // Partial returns, several per sale at times, on later days: revenue is net of them.
    expect(vladivostok.reference().paidReturns('RUB').length).toBeGreaterThan(15);
  });

  it.each([
    ['RUB', '2026-01-01', '2026-03-31'],
    ['RUB', '2026-02-01', '2026-02-28'],
    ['USD', '2025-12-01', '2026-03-31'],
    ['USD', '2026-01-31', '2026-02-01'],
    ['EUR', '2026-02-10', '2026-03-15'],
    ['KWD', '2026-01-05', '2026-02-20'],
    ['JPY', '2025-12-26', '2026-03-31'],
  ])('in %s over %s..%s (base RUB, UTC+10)', async (currency, from, to) => {
    await expectIndicators(vladivostok, from, to, currency);
  });

  it('stays exact after updates, deletes and a time-zone change', async () => {
    const s = vladivostok;
    const rnd = random(99);
    const ids = new Map(
      (await readFeed<{ id: string; externalId: string }>(s.key, 'sales')).items.map((x) => [x.externalId, x.id]),
    );
    // Re-upsert a third of the sales with changed status, amount, day, currency or buyer (not the
    // returns and their originals, whose amounts, buyers and currencies are bound to each other).
    const returned = new Set(s.sales.map((x) => x.returnOf).filter((x) => x !== undefined));
    const changed: RefSale[] = [];
    for (const sale of s.sales) {
      if (rnd() > 0.33 || isReturn(sale) || returned.has(sale.externalId)) continue;
      const next = { ...sale };
      const what = Math.floor(rnd() * 5);
      if (what === 0) next.status = (['pending', 'paid', 'cancelled', 'refunded'] as const)[Math.floor(rnd() * 4)];
      if (what === 1) next.amount = minor(next.currency) === 0 ? '777' : minor(next.currency) === 3 ? '7.777' : '77.77';
      if (what === 2)
        next.soldAt = next.soldAt.replace(/^\d{4}-\d{2}-\d{2}/, rnd() < 0.5 ? '2026-02-01' : '2026-01-31');
      if (what === 3) {
        next.currency = next.currency === 'RUB' ? 'USD' : 'RUB';
        next.amount = '10.50';
        next.items = []; // the stored items were priced in the old currency: clear them
      }
      if (what === 4) next.clientExternalId = `C-${1 + Math.floor(rnd() * 14)}`;
      changed.push(next);
    }
    await writeSales(
      s.key,
      changed.map(({ items, ...rest }) => (items ? { ...rest, items } : rest)),
    );
    const byId = new Map(changed.map((c) => [c.externalId, c]));
    s.sales = s.sales.map((x) => byId.get(x.externalId) ?? x);
    // Web API: delete some, change some.
    const picked = s.sales.filter(() => rnd() < 0.1);
    // A return whose sale is deleted goes with it.
    const victims = picked.filter((x) => !(x.returnOf && picked.some((v) => v.externalId === x.returnOf)));
    for (const sale of victims) {
      await api()
        .delete(`/api/companies/${s.owner.companyId}/sales/${ids.get(sale.externalId)}`)
        .set(s.owner.auth)
        .expect(204);
    }
    // Deleting a sale deletes its returns.
    const gone = new Set(victims.map((x) => x.externalId));
    s.sales = s.sales.filter((x) => !gone.has(x.externalId) && !(x.returnOf && gone.has(x.returnOf)));
    for (const sale of s.sales.filter(() => rnd() < 0.05)) {
      await api()
        .patch(`/api/companies/${s.owner.companyId}/sales/${ids.get(sale.externalId)}`)
        .set(s.owner.auth)
        .send({ status: 'paid', soldAt: '2026-03-01T00:00:00+10:00' })
        .expect(200);
      sale.status = 'paid';
      sale.soldAt = '2026-03-01T00:00:00+10:00';
    }
    // Items alone (the sale's row is not written): products follow, folded or not. Not of returns
    // and their originals, whose quantities are bound to each other.
    const editable = (x: RefSale) => !isReturn(x) && !returned.has(x.externalId) && (x.items?.length ?? 0) > 0;
    for (const sale of s.sales.filter((x) => x.status === 'paid' && editable(x) && rnd() < 0.2)) {
      const items = (sale.items ?? []).map((i, k) => (k === 0 ? { ...i, quantity: '7' } : i)).slice(0, 2);
      const res = await api()
        .patch(`/api/companies/${s.owner.companyId}/sales/${ids.get(sale.externalId)}`)
        .set(s.owner.auth)
        .send({ items });
      expect({ status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ status: 200, body: null });
      sale.items = items;
    }
    await expectIndicators(s, '2026-01-01', '2026-03-31', 'RUB');
    await expectIndicators(s, '2025-12-01', '2026-02-28', 'USD');

    // Moving the company to Moscow (UTC+3) moves the sales at 00:00–06:59 local to the day before.
    await api()
      .patch(`/api/companies/${s.owner.companyId}`)
      .set(s.owner.auth)
      .send({ timeZone: 'Europe/Moscow' })
      .expect(200);
    s.timeZone = 'Europe/Moscow';
    await expectIndicators(s, '2026-01-01', '2026-03-31', 'RUB');
    await expectIndicators(s, '2026-01-31', '2026-02-01', 'USD');
  });

  it('follows the daylight-saving time zone and a non-RUB base currency', async () => {
    // New York changes from UTC−5 to UTC−4 on 2026-03-08; the base is USD, RUB has rates from
    // 2026-02-01 and EUR from 2026-03-08.
    const s = await buildScenario({
      seed: 11,
      timeZone: 'America/New_York',
      baseCurrency: 'USD',
      days: [
        ...daysBetween('2026-01-25', '2026-03-20'),
        '2026-03-07',
        '2026-03-08',
        '2026-03-08',
        '2026-02-28',
        '2026-03-01',
      ],
      offset: (day) => (day < '2026-03-08' ? '-05:00' : '-04:00'),
      rates: [
        { currency: 'RUB', rate: '0.0111', validFrom: '2026-02-01' },
        { currency: 'RUB', rate: '0.0109', validFrom: '2026-03-08' },
        { currency: 'EUR', rate: '1.0837', validFrom: '2026-03-08' },
      ],
      currencies: ['USD', 'USD', 'RUB', 'EUR'],
      sales: 140,
      clients: 9,
    });
    await expectIndicators(s, '2026-02-01', '2026-03-20', 'USD');
    await expectIndicators(s, '2026-03-02', '2026-03-15', 'RUB');
    await expectIndicators(s, '2026-01-25', '2026-03-20', 'EUR');
  });

  it('answers an empty company with zeros, every period present', async () => {
    const s = await buildScenario({
      seed: 3,
      timeZone: 'UTC',
      baseCurrency: 'RUB',
      days: ['2026-01-01'],
      offset: () => 'Z',
      rates: [],
      currencies: ['RUB'],
      sales: 0,
      clients: 1,
    });
    const summary = (
      await api().get(s.url('summary')).set(s.owner.auth).query({ from: '2026-01-01', to: '2026-01-31' }).expect(200)
    ).body;
    expect(summary).toMatchObject({
      currency: 'RUB',
      revenue: '0.00',
      salesCount: 0,
      buyers: 0,
      newClients: 0,
      averageOrderValue: null,
      repeatPurchaseRate: null,
      warnings: [],
    });
    const series = (
      await api()
        .get(s.url('timeseries'))
        .set(s.owner.auth)
        .query({ from: '2026-01-01', to: '2026-03-31', granularity: 'week' })
        .expect(200)
    ).body;
    expect(series.points[0]).toEqual({ period: '2025-12-29', revenue: '0.00', salesCount: 0 });
    expect(series.points).toHaveLength(14);
    const defaults = (await api().get(s.url('summary')).set(s.owner.auth).expect(200)).body;
    expect(Date.parse(defaults.to) - Date.parse(defaults.from)).toBe(29 * 86_400_000);
  });

  it('refuses bad dates, currencies, granularities and limits with 400 naming the field', async () => {
    const s = vladivostok;
    const cases: [string, Record<string, string>, string][] = [
      ['summary', { from: '2026-02-30' }, 'from'],
      ['summary', { to: '20260101' }, 'to'],
      ['summary', { from: '2026-03-01', to: '2026-02-01' }, 'from'],
      ['summary', { currency: 'usd' }, 'currency'],
      ['summary', { currency: 'XXX' }, 'currency'],
      ['timeseries', { granularity: 'year' }, 'granularity'],
      ['timeseries', { from: '2000-01-01', to: '2019-12-31', granularity: 'day' }, 'granularity'],
      ['top-clients', { limit: '0' }, 'limit'],
      ['top-clients', { limit: 'ten' }, 'limit'],
      ['summary', { unknown: '1' }, 'unknown'],
    ];
    for (const [route, query, field] of cases) {
      const res = await api().get(s.url(route)).set(s.owner.auth).query(query);
      expect({ route, query, status: res.status }).toEqual({ route, query, status: 400 });
      expect(res.body).toEqual(errorShape(400));
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('answers 404 to a member of another company on every analytics route', async () => {
    const s = vladivostok;
    const stranger = await buildScenario({
      seed: 5,
      timeZone: 'UTC',
      baseCurrency: 'RUB',
      days: ['2026-01-01'],
      offset: () => 'Z',
      rates: [],
      currencies: ['RUB'],
      sales: 1,
      clients: 1,
    });
    const client = (await readFeed<{ id: string }>(s.key, 'clients')).items[0];
    for (const route of [
      'summary',
      'timeseries',
      'top-clients',
      'by-status',
      'products',
      'forecast',
      'segments',
      `clients/${client.id}/outlook`,
    ]) {
      const res = await api().get(s.url(route)).set(stranger.owner.auth).query({ from: 'not-a-date' });
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
      expect(res.text).not.toContain(client.id);
    }
  });
});
