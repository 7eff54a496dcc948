import { api } from '../support/client';
import { readFeed } from '../support/crm';
import { shiftDay } from './reference';
import { buildScenario, random, type Scenario, writeSales } from './scenario';

/**
 * Forecasts on synthetic series with known trend and seasonality, RFM segments against an
 * independent quintile computation, and the customer outlook with its recommended products.
 */

const empty = (seed: number, timeZone = 'UTC') =>
  buildScenario({
    seed,
    timeZone,
    baseCurrency: 'RUB',
    days: ['2026-01-01'],
    offset: () => 'Z',
    rates: [],
    currencies: ['RUB'],
    sales: 0,
    clients: 40,
  });

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);

describe('revenue forecast', () => {
  it('continues a monthly series with trend and yearly seasonality within its intervals', async () => {
    const s = await empty(21);
    // Four years of monthly revenue: level 100,000, +1.5% a month, December twice July, and ±5%
    // noise (uniform, seeded); the next twelve months are drawn the same way.
    const season = [0.8, 0.75, 0.9, 1, 1.05, 0.95, 0.7, 0.8, 1, 1.1, 1.3, 1.6];
    const expected = (t: number) => 100_000 * (1 + 0.015 * t) * season[t % 12];
    const rnd = random(2024);
    const noise = Array.from({ length: 60 }, () => 1 + 0.05 * (2 * rnd() - 1));
    const truth = (t: number) => expected(t) * noise[t];
    const sales = Array.from({ length: 48 }, (_, t) => ({
      externalId: `M-${t}`,
      clientExternalId: `C-${1 + (t % 40)}`,
      amount: truth(t).toFixed(2),
      currency: 'RUB',
      soldAt: `${monthStart(2022, t)}T12:00:00Z`,
      status: 'paid' as const,
    }));
    // A sale in the current month is not history: the forecast starts with that month.
    sales.push({ ...sales[0], externalId: 'M-now', soldAt: '2026-01-05T12:00:00Z', amount: '1.00' });
    await writeSales(s.key, sales);

    const res = await api()
      .get(s.url('forecast'))
      .set(s.owner.auth)
      .query({ asOf: '2026-01-20', horizon: 12 })
      .expect(200);
    const f = res.body;
    expect(f.model).toEqual(expect.any(String));
    expect(f.granularity).toBe('month');
    expect(f.history).toHaveLength(48);
    expect(f.history[0]).toEqual({ period: '2022-01-01', revenue: truth(0).toFixed(2) });
    expect(f.points.map((p: { period: string }) => p.period)).toEqual(
      Array.from({ length: 12 }, (_, k) => monthStart(2026, k)),
    );
    expect(f.backtest.horizon).toBeGreaterThan(0);
    expect(f.backtest.mase).toBeLessThan(1);
    expect(f.backtest.smape).toBeLessThan(15);
    let inside95 = 0;
    f.points.forEach((p: Record<string, string>, k: number) => {
      const [lower95, lower80, mean, upper80, upper95] = ['lower95', 'lower80', 'revenue', 'upper80', 'upper95'].map(
        (key) => Number(p[key]),
      );
      expect(lower95).toBeLessThanOrEqual(lower80);
      expect(lower80).toBeLessThanOrEqual(mean);
      expect(mean).toBeLessThanOrEqual(upper80);
      expect(upper80).toBeLessThanOrEqual(upper95);
      expect(p['revenue']).toMatch(/^\d+\.\d{2}$/);
      expect(Math.abs(mean - expected(48 + k)) / expected(48 + k)).toBeLessThan(0.1);
      const actual = truth(48 + k);
      if (actual >= lower95 && actual <= upper95) inside95 += 1;
    });
    expect(inside95).toBeGreaterThanOrEqual(10);
    // December is forecast above July, as in every year of the history.
    expect(Number(f.points[11].revenue)).toBeGreaterThan(1.6 * Number(f.points[6].revenue));
  });

  it('follows a weekly trend and says how it degrades on short histories', async () => {
    const s = await empty(22);
    const monday = '2025-06-02';
    const truth = (t: number) => 5_000 + 50 * t;
    await writeSales(
      s.key,
      Array.from({ length: 30 }, (_, t) => ({
        externalId: `W-${t}`,
        clientExternalId: `C-${1 + (t % 40)}`,
        amount: truth(t).toFixed(2),
        currency: 'RUB',
        soldAt: `${shiftDay(monday, 7 * t + 2)}T10:00:00Z`,
        status: 'paid' as const,
      })),
    );
    const weekly = (
      await api()
        .get(s.url('forecast'))
        .set(s.owner.auth)
        .query({ granularity: 'week', horizon: 4, asOf: shiftDay(monday, 7 * 30) })
        .expect(200)
    ).body;
    expect(weekly.history).toHaveLength(30);
    expect(weekly.points.map((p: { period: string }) => p.period)).toEqual(
      [0, 1, 2, 3].map((k) => shiftDay(monday, 7 * (30 + k))),
    );
    weekly.points.forEach((p: { revenue: string }, k: number) =>
      expect(Math.abs(Number(p.revenue) - truth(30 + k)) / truth(30 + k)).toBeLessThan(0.05),
    );
    expect(weekly.notes.join(' ')).toMatch(/season/i); // fewer than two years of weeks: no seasonal models

    const short = (
      await api()
        .get(s.url('forecast'))
        .set(s.owner.auth)
        .query({ granularity: 'week', horizon: 2, asOf: shiftDay(monday, 7 * 2) })
        .expect(200)
    ).body;
    expect(short.history).toHaveLength(2);
    expect(short.points).toHaveLength(2);
    expect(short.notes.length).toBeGreaterThan(0);

    const none = (await api().get(s.url('forecast')).set(s.owner.auth).query({ asOf: '2020-01-01' }).expect(200)).body;
    expect(none).toMatchObject({ history: [], points: [], backtest: { mase: null, smape: null, horizon: 0 } });
    expect(none.notes.length).toBeGreaterThan(0);

    for (const [query, field] of [
      [{ horizon: '37' }, 'horizon'],
      [{ horizon: '0' }, 'horizon'],
      [{ granularity: 'day' }, 'granularity'],
      [{ asOf: '2026-13-01' }, 'asOf'],
    ] as const) {
      const bad = await api().get(s.url('forecast')).set(s.owner.auth).query(query).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });
});

describe('customer outlook and segments', () => {
  let s: Scenario;
  const asOf = '2026-06-30';

  beforeAll(async () => {
    s = await empty(31);
    // 40 clients: client k buys k % 8 + 1 times, the last purchase (k * 7) days before asOf. Lamps
    // and shades are bought together (every fourth client buys candles instead); client 1 only
    // ever bought a lamp.
    const sales = [];
    for (let k = 1; k <= 40; k++) {
      const times = (k % 8) + 1;
      for (let j = 0; j < times; j++) {
        const day = shiftDay(asOf, -(k * 7) - j * 20);
        sales.push({
          externalId: `O-${k}-${j}`,
          clientExternalId: `C-${k}`,
          amount: (1000 + 37 * k + 11 * j).toFixed(2),
          currency: 'RUB',
          soldAt: `${day}T09:00:00Z`,
          status: 'paid' as const,
          items:
            k === 1
              ? [{ sku: 'LAMP', name: 'Лампа', quantity: '1', unitPrice: '1000.00' }]
              : k % 4 === 0
                ? [{ sku: 'CANDLE', name: 'Свеча', quantity: '2', unitPrice: '50.00' }]
                : [
                    { sku: 'LAMP', name: 'Лампа', quantity: '1', unitPrice: '700.00' },
                    { sku: 'SHADE', name: 'Абажур', quantity: '1', unitPrice: '300.00' },
                    ...(k % 3 === 0 ? [{ sku: `X-${k}`, name: `Разное ${k}`, quantity: '1', unitPrice: '1.00' }] : []),
                  ],
        });
      }
    }
    // A sale after asOf and a pending one do not count.
    sales.push({
      externalId: 'late',
      clientExternalId: 'C-2',
      amount: '5.00',
      currency: 'RUB',
      soldAt: '2026-07-02T09:00:00Z',
      status: 'paid' as const,
      items: [],
    });
    sales.push({
      externalId: 'pend',
      clientExternalId: 'C-3',
      amount: '5.00',
      currency: 'RUB',
      soldAt: '2026-06-01T09:00:00Z',
      status: 'pending' as const,
      items: [],
    });
    await writeSales(s.key, sales);
  });

  it('segments clients by RFM quintiles, as an independent computation does', async () => {
    const res = (await api().get(s.url('segments')).set(s.owner.auth).query({ asOf }).expect(200)).body;
    // Independent: recency = days since last purchase, frequency = purchases, monetary = revenue.
    const clients = Array.from({ length: 40 }, (_, i) => {
      const k = i + 1;
      const times = (k % 8) + 1;
      const amounts = Array.from({ length: times }, (_, j) => 1000 + 37 * k + 11 * j);
      return { recency: k * 7, frequency: times, monetary: amounts.reduce((a, b) => a + b, 0) };
    });
    const quintile = (worse: number) => Math.min(5, 1 + Math.floor((5 * worse) / clients.length));
    // Recency is also absolute at asOf: silent over 90 days → R ≤ 3, over 180 → R ≤ 2, over 365 → 1.
    const ceiling = (days: number) => (days > 365 ? 1 : days > 180 ? 2 : days > 90 ? 3 : 5);
    const grid = [
      ['lost', 'lost', 'at_risk', 'cannot_lose', 'cannot_lose'],
      ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cannot_lose'],
      ['hibernating', 'hibernating', 'loyal', 'loyal', 'loyal'],
      ['new', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'],
      ['new', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'],
    ];
    const expected = new Map<string, { clients: number; revenue: number }>();
    for (const c of clients) {
      const r = Math.min(ceiling(c.recency), quintile(clients.filter((o) => o.recency > c.recency).length));
      const f = quintile(clients.filter((o) => o.frequency < c.frequency).length);
      const segment = grid[r - 1][f - 1];
      const cur = expected.get(segment) ?? { clients: 0, revenue: 0 };
      expected.set(segment, { clients: cur.clients + 1, revenue: cur.revenue + c.monetary });
    }
    expect(res).toMatchObject({ asOf, currency: 'RUB', totalClients: 40 });
    expect(res.items.map((i: { segment: string }) => i.segment)).toEqual([
      'champions',
      'loyal',
      'potential_loyalists',
      'new',
      'at_risk',
      'cannot_lose',
      'hibernating',
      'lost',
    ]);
    for (const item of res.items) {
      const e = expected.get(item.segment) ?? { clients: 0, revenue: 0 };
      expect({ segment: item.segment, clients: item.clients, revenue: item.revenue }).toEqual({
        segment: item.segment,
        clients: e.clients,
        revenue: e.revenue.toFixed(2),
      });
    }
  });

  it('gives each client an outlook from the fitted models and recommends what others bought with their products', async () => {
    const clients = new Map(
      (await readFeed<{ id: string; externalId: string }>(s.key, 'clients')).items.map((c) => [c.externalId, c.id]),
    );
    const one = (
      await api()
        .get(s.url(`clients/${clients.get('C-1')}/outlook`))
        .set(s.owner.auth)
        .query({ asOf })
        .expect(200)
    ).body;
    expect(one).toMatchObject({
      clientId: clients.get('C-1'),
      asOf,
      currency: 'RUB',
      purchases: 2,
      lastPurchase: shiftDay(asOf, -7),
      model: { status: 'fitted', customers: 40 },
    });
    expect(one.pAlive).toBeGreaterThan(0);
    expect(one.pAlive).toBeLessThanOrEqual(1);
    expect(one.expectedPurchases90d).toBeGreaterThan(0);
    expect(one.expectedValue90d).toMatch(/^\d+\.\d{2}$/);
    expect(one.segment).toEqual(expect.any(String));
    expect(one.rfm).toMatch(/^[1-5]{3}$/);
    expect(one.model.params).toEqual(
      expect.objectContaining({ r: expect.any(Number), alpha: expect.any(Number), p: expect.any(Number) }),
    );
    expect(one.recommendedProducts[0]).toMatchObject({
      product: 'SHADE',
      name: 'Абажур',
      rule: { antecedent: ['LAMP'], antecedentNames: ['Лампа'] },
    });
    expect(one.recommendedProducts[0].lift).toBeGreaterThanOrEqual(1);

    // The recent frequent buyer is more likely active than the one who stopped long ago.
    const recent = (
      await api()
        .get(s.url(`clients/${clients.get('C-7')}/outlook`))
        .set(s.owner.auth)
        .query({ asOf })
        .expect(200)
    ).body;
    const gone = (
      await api()
        .get(s.url(`clients/${clients.get('C-39')}/outlook`))
        .set(s.owner.auth)
        .query({ asOf })
        .expect(200)
    ).body;
    expect(recent.pAlive).toBeGreaterThan(gone.pAlive);
    expect(recent.expectedPurchases90d).toBeGreaterThan(gone.expectedPurchases90d);

    // No purchase up to asOf: no figures, and a note that says why.
    const early = (
      await api()
        .get(s.url(`clients/${clients.get('C-1')}/outlook`))
        .set(s.owner.auth)
        .query({ asOf: '2024-01-01' })
        .expect(200)
    ).body;
    expect(early).toMatchObject({
      pAlive: null,
      expectedPurchases90d: null,
      expectedValue90d: null,
      segment: null,
      purchases: 0,
    });
    expect(early.notes.length).toBeGreaterThan(0);

    await api().get(s.url('clients/not-a-uuid/outlook')).set(s.owner.auth).expect(404);
    await api().get(s.url('clients/00000000-0000-4000-8000-000000000000/outlook')).set(s.owner.auth).expect(404);
  });

  it('refits in the background after an ingest changes the sales by more than 5%', async () => {
    const clientId = (await readFeed<{ id: string; externalId: string }>(s.key, 'clients')).items.find(
      (c) => c.externalId === 'C-2',
    )?.id;
    const today = (
      await api()
        .get(s.url(`clients/${clientId}/outlook`))
        .set(s.owner.auth)
        .expect(200)
    ).body;
    await writeSales(
      s.key,
      Array.from({ length: 30 }, (_, j) => ({
        externalId: `more-${j}`,
        clientExternalId: 'C-2',
        amount: '10.00',
        currency: 'RUB',
        soldAt: `${shiftDay(today.asOf, -j - 1)}T09:00:00Z`,
        status: 'paid' as const,
      })),
    );
    let after = today;
    for (let attempt = 0; attempt < 40 && after.purchases === today.purchases; attempt++) {
      await new Promise((r) => setTimeout(r, 500));
      after = (
        await api()
          .get(s.url(`clients/${clientId}/outlook`))
          .set(s.owner.auth)
          .expect(200)
      ).body;
    }
    expect(after.purchases).toBeGreaterThan(today.purchases);
    expect(Date.parse(after.model.fittedAt)).toBeGreaterThan(Date.parse(today.model.fittedAt));
  });
});
