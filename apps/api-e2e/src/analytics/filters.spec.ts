import { api, errorShape } from '../support/client';
import { readFeed } from '../support/crm';
import { periodOf, Reference, type RefSale, shiftDay } from './reference';
import { buildScenario, type Scenario } from './scenario';

/**
 * `clientIds` and `currencies` on the indicators (ADR 0006 "Report filters"): every endpoint
 * answers, field by field, what the independent computation of `reference.ts` answers over the
 * selected sales only — those of the selected clients, in the selected currencies — buyers and new
 * clients counted from the selected sales' history. Unknown or another company's clients are a 400
 * naming each, never data.
 */

let s: Scenario;
/** Client id by external id. */
let ids: Map<string, string>;

const RATES = [
  { currency: 'USD', rate: '90.1234', validFrom: '2026-01-01' },
  { currency: 'USD', rate: '88.7777', validFrom: '2026-02-01' },
  { currency: 'EUR', rate: '99.125', validFrom: '2026-02-15' },
];

/** The reference over the sales a filter selects. */
function referenceOf(filter: { clients?: string[]; currencies?: string[] }): Reference {
  const keep = (sale: RefSale) =>
    (!filter.clients || filter.clients.includes(sale.clientExternalId)) &&
    (!filter.currencies || filter.currencies.includes(sale.currency));
  return new Reference(s.timeZone, s.baseCurrency, s.rates, s.sales.filter(keep), s.clients);
}

const get = async (route: string, query: Record<string, unknown>) =>
  (await api().get(s.url(route)).set(s.owner.auth).query(query).expect(200)).body;

/** Every filtered indicator against the filtered reference. */
async function expectFiltered(
  filter: { clients?: string[]; currencies?: string[] },
  from: string,
  to: string,
  currency: string,
): Promise<void> {
  const ref = referenceOf(filter);
  const label = `${JSON.stringify(filter)} ${currency} ${from}..${to}`;
  const query: Record<string, unknown> = { from, to, currency };
  if (filter.clients) query['clientIds'] = filter.clients.map((c) => ids.get(c)).join(',');
  if (filter.currencies) query['currencies'] = filter.currencies.join(',');

  const summary = await get('summary', query);
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
  const unconverted = ref.unconverted(from, to, currency);
  expect({
    label,
    warnings: summary.warnings.map((w: { currency: string; salesCount: number }) => [w.currency, w.salesCount]),
  }).toEqual({
    label,
    warnings: unconverted.map((u) => [u.currency, u.salesCount]),
  });
  summary.warnings.forEach((w: { sales: { externalId: string }[] }, i: number) => {
    for (const sale of w.sales) expect(unconverted[i].externalIds).toContain(sale.externalId);
  });

  for (const granularity of ['day', 'month'] as const) {
    const series = await get('timeseries', { ...query, granularity });
    expect({ label, granularity, points: series.points }).toEqual({
      label,
      granularity,
      points: ref.timeseries(from, to, granularity, currency),
    });
  }

  const top = await get('top-clients', { ...query, limit: 100 });
  const expectedTop = ref.topClients(from, to, currency, 100);
  const asSet = (rows: { externalId: string | null; revenue: string; salesCount: number }[]) =>
    rows.map((r) => `${r.externalId}|${r.revenue}|${r.salesCount}`).sort();
  expect({ label, revenues: top.items.map((c: { revenue: string }) => c.revenue) }).toEqual({
    label,
    revenues: expectedTop.map((c) => c.revenue),
  });
  expect({ label, top: asSet(top.items) }).toEqual({
    label,
    top: asSet(expectedTop.map((c) => ({ ...c, externalId: c.client }))),
  });

  const statuses = await get('by-status', query);
  expect({
    label,
    items: statuses.items.map(({ status, salesCount, amount }: Record<string, unknown>) => ({
      status,
      salesCount,
      amount,
    })),
  }).toEqual({ label, items: ref.byStatus(from, to, currency) });

  const products = await get('products', { ...query, limit: 500 });
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

beforeAll(async () => {
  const days: string[] = [];
  for (let d = '2025-12-20'; d <= '2026-03-31'; d = shiftDay(d, 1)) days.push(d);
  s = await buildScenario({
    seed: 31,
    timeZone: 'Europe/Moscow',
    baseCurrency: 'RUB',
    days,
    offset: () => '+03:00',
    rates: RATES,
    currencies: ['RUB', 'RUB', 'USD', 'EUR'],
    sales: 240,
    clients: 9,
  });
  const clients = await readFeed<{ id: string; externalId: string }>(s.key, 'clients');
  ids = new Map(clients.items.map((c) => [c.externalId, c.id]));
}, 120_000);

describe('analytics with clientIds and currencies', () => {
  it.each([
    [{ clients: ['C-2', 'C-5', 'C-7'] }, 'RUB', '2026-02-01', '2026-03-31'],
    [{ currencies: ['USD'] }, 'RUB', '2026-01-01', '2026-03-31'],
    [{ currencies: ['USD'] }, 'USD', '2025-12-20', '2026-02-28'],
    [{ clients: ['C-1', 'C-3'], currencies: ['EUR', 'RUB'] }, 'EUR', '2026-02-10', '2026-03-20'],
    [{ clients: ['C-9'] }, 'RUB', '2026-01-01', '2026-01-31'],
  ])('answers %j in %s over %s..%s exactly as the selected sales alone', async (filter, currency, from, to) => {
    await expectFiltered(filter, from, to, currency);
  });

  it('differs from the unfiltered answer where the selection leaves sales out', async () => {
    const period = { from: '2026-01-01', to: '2026-03-31' };
    const all = await get('summary', period);
    const some = await get('summary', { ...period, clientIds: ids.get('C-2') });
    const usd = await get('summary', { ...period, currencies: 'USD' });
    expect(all.salesCount).toBe(referenceOf({}).figures(period.from, period.to, 'RUB').salesCount);
    expect(some.salesCount).toBeGreaterThan(0);
    expect(some.salesCount).toBeLessThan(all.salesCount);
    expect(usd.salesCount).toBeGreaterThan(0);
    expect(usd.salesCount).toBeLessThan(all.salesCount);
    expect(some.revenue).not.toBe(all.revenue);
    // A client's first USD purchase makes it a new USD buyer, whatever it bought in RUB before.
    const ref = referenceOf({ currencies: ['USD'] }).figures(period.from, period.to, 'RUB');
    expect(usd.newClients).toBe(ref.newClients);
  });

  it('takes the lists repeated or comma separated, in any order and with duplicates, with the same answer', async () => {
    const period = { from: '2026-01-01', to: '2026-03-31' };
    const [a, b] = [ids.get('C-1') as string, ids.get('C-4') as string];
    const comma = await get('summary', { ...period, clientIds: `${a},${b}`, currencies: 'RUB,USD' });
    const repeated = (
      await api()
        .get(
          `${s.url('summary')}?from=${period.from}&to=${period.to}&clientIds=${b}&clientIds=${a}&clientIds=${b}&currencies=USD&currencies=RUB`,
        )
        .set(s.owner.auth)
        .expect(200)
    ).body;
    expect(repeated).toEqual(comma);
  });

  it('takes the filters on the forecast: its history is the selected sales’ monthly revenue', async () => {
    const query = {
      granularity: 'month',
      horizon: 2,
      asOf: '2026-04-10',
      currencies: 'RUB',
      clientIds: ids.get('C-1'),
    };
    const forecast = await get('forecast', query);
    const ref = referenceOf({ clients: ['C-1'], currencies: ['RUB'] });
    const months = ref.timeseries('2025-12-01', '2026-03-31', 'month', 'RUB');
    const first = months.findIndex((m) => Number(m.revenue) !== 0);
    expect(forecast.history).toEqual(months.slice(first).map((m) => ({ period: m.period, revenue: m.revenue })));
    const all = await get('forecast', { granularity: 'month', horizon: 2, asOf: '2026-04-10' });
    expect(all.history).not.toEqual(forecast.history);
    expect(periodOf('2026-04-10', 'month')).toBe(forecast.points[0].period);
  });

  it('refuses another company’s client, an unknown one and bad values with 400 naming each, never data', async () => {
    const other = await buildScenario({
      seed: 32,
      timeZone: 'UTC',
      baseCurrency: 'RUB',
      days: ['2026-02-02'],
      offset: () => 'Z',
      rates: [],
      currencies: ['RUB'],
      sales: 3,
      clients: 1,
    });
    const foreign = (await readFeed<{ id: string }>(other.key, 'clients')).items[0].id;
    const own = ids.get('C-1') as string;
    const unknown = '0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10';
    for (const route of ['summary', 'timeseries', 'top-clients', 'by-status', 'products', 'forecast']) {
      const res = await api()
        .get(s.url(route))
        .set(s.owner.auth)
        .query({ clientIds: `${own},${foreign},${unknown}` });
      expect({ route, status: res.status }).toEqual({ route, status: 400 });
      expect(res.body).toEqual(errorShape(400));
      expect(res.body.details).toEqual([
        { field: 'clientIds.1', messages: [`client ${foreign} not found in this company`] },
        { field: 'clientIds.2', messages: [`client ${unknown} not found in this company`] },
      ]);
    }
    const tooMany = Array.from({ length: 301 }, () => own).join(',');
    const cases: [Record<string, string>, string][] = [
      [{ clientIds: 'not-a-uuid' }, 'clientIds'],
      [{ clientIds: '' }, 'clientIds'],
      [{ clientIds: tooMany }, 'clientIds'],
      [{ currencies: 'usd' }, 'currencies'],
      [{ currencies: 'RUB,XXX' }, 'currencies'],
      [{ currencies: '' }, 'currencies'],
    ];
    for (const [query, field] of cases) {
      const res = await api().get(s.url('summary')).set(s.owner.auth).query(query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body).toEqual(errorShape(400));
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });
});
