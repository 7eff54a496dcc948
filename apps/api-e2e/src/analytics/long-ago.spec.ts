import { api } from '../support/client';
import { readFeed } from '../support/crm';
import { buildScenario, type Scenario, writeSales } from './scenario';

/**
 * A company whose last sale is long ago (like the Online Retail demo before its dates were moved),
 * asked with the default `asOf` (today): the answers say which day they used and what it means.
 */

const scenario = (seed: number) =>
  buildScenario({
    seed,
    timeZone: 'Europe/London',
    baseCurrency: 'GBP',
    days: ['2011-01-01'],
    offset: () => 'Z',
    rates: [],
    currencies: ['GBP'],
    sales: 0,
    clients: 20,
  });

const month = (k: number) => new Date(Date.UTC(2010, 11 + k, 1)).toISOString().slice(0, 10);

describe('analytics of a company whose last sale is long ago, at the default asOf', () => {
  let s: Scenario;
  let today: string;

  beforeAll(async () => {
    s = await scenario(91);
    // Twelve months, December 2010 to November 2011: client k buys every month from month k on,
    // on day 15 − k (so the most frequent clients are also the most recent).
    const sales = [];
    for (let k = 1; k <= 12; k++) {
      for (let m = k - 1; m < 12; m++) {
        sales.push({
          externalId: `L-${k}-${m}`,
          clientExternalId: `C-${k}`,
          amount: (100 + 10 * k + m).toFixed(2),
          currency: 'GBP',
          soldAt: `${month(m).slice(0, 8)}${String(15 - k).padStart(2, '0')}T10:00:00Z`,
          status: 'paid' as const,
        });
      }
    }
    await writeSales(s.key, sales);
    today = (await api().get(s.url('segments')).set(s.owner.auth).expect(200)).body.asOf;
  });

  it('forecast: history starts at the first sale and the answer says plainly that recent months are empty', async () => {
    const f = (await api().get(s.url('forecast')).set(s.owner.auth).expect(200)).body;
    expect(f.asOf).toBe(today);
    expect(f.history[0].period).toBe('2010-12-01');
    expect(f.lastRevenuePeriod).toBe('2011-11-01');
    expect(f.emptyRecentPeriods).toBe(f.history.length - 12);
    expect(f.emptyRecentPeriods).toBeGreaterThan(100);
    expect(f.recentHistoryEmpty).toBe(true);
    expect(f.notes.join(' ')).toMatch(/No revenue in the last \d+ months .*the last in 2011-11-01/);

    // At an asOf right after the sales, the same history is not stale.
    const then = (await api().get(s.url('forecast')).set(s.owner.auth).query({ asOf: '2011-12-05' }).expect(200)).body;
    expect(then).toMatchObject({ lastRevenuePeriod: '2011-11-01', emptyRecentPeriods: 0, recentHistoryEmpty: false });
    expect(then.history).toHaveLength(12);
    expect(then.backtest.benchmark).toEqual(expect.objectContaining({ model: expect.any(String) }));
    expect(typeof then.backtest.fallback).toBe('boolean');
  });

  it('segments: nobody is a champion 15 years after the last purchase, and the answer names its asOf', async () => {
    const seg = (await api().get(s.url('segments')).set(s.owner.auth).expect(200)).body;
    expect(seg.asOf).toBe(today);
    expect(seg.totalClients).toBe(12);
    const count = (name: string) => seg.items.find((i: { segment: string }) => i.segment === name).clients;
    for (const name of ['champions', 'loyal', 'potential_loyalists', 'new']) expect(count(name)).toBe(0);

    // The same clients seen in December 2011 still have champions.
    const then = (await api().get(s.url('segments')).set(s.owner.auth).query({ asOf: '2011-12-05' }).expect(200)).body;
    expect(then.asOf).toBe('2011-12-05');
    expect(then.items.find((i: { segment: string }) => i.segment === 'champions').clients).toBeGreaterThan(0);

    // The outlook of the most frequent client agrees with its segment: gone, and said so.
    const clients = (await readFeed<{ id: string; externalId: string }>(s.key, 'clients')).items;
    const best = clients.find((c) => c.externalId === 'C-1')?.id;
    const outlook = (
      await api()
        .get(s.url(`clients/${best}/outlook`))
        .set(s.owner.auth)
        .expect(200)
    ).body;
    expect(outlook.asOf).toBe(today);
    expect(outlook.rfm).toMatch(/^1/);
    expect(['lost', 'at_risk', 'cannot_lose']).toContain(outlook.segment);
    expect(outlook.pAlive).toBeLessThan(0.01);
  });
});

describe('forecast that falls back to the benchmark', () => {
  it('uses naive when the usual model back-tests worse than naive, and reports both', async () => {
    const s = await scenario(92);
    // Growth that stops: the drifting models keep climbing, "same as last month" stays close.
    const steps = [100, 129, 127, 148, 160, 156, 174, 174, 184, 190, 208, 203, 214, 193, 193, 197];
    await writeSales(
      s.key,
      steps.map((revenue, k) => ({
        externalId: `S-${k}`,
        clientExternalId: `C-${1 + (k % 20)}`,
        amount: revenue.toFixed(2),
        currency: 'GBP',
        soldAt: `${month(k).slice(0, 8)}10T10:00:00Z`,
        status: 'paid' as const,
      })),
    );
    const f = (
      await api()
        .get(s.url('forecast'))
        .set(s.owner.auth)
        .query({ asOf: month(16), horizon: 3 })
        .expect(200)
    ).body;
    expect(f.history).toHaveLength(16);
    expect(f.model).toBe('Naive');
    expect(f.backtest.fallback).toBe(true);
    expect(f.backtest.benchmark).toEqual({ model: 'Naive', mase: f.backtest.mase, smape: f.backtest.smape });
    expect(f.points.map((p: { revenue: string }) => p.revenue)).toEqual(['197.00', '197.00', '197.00']);
    expect(f.notes.join(' ')).toMatch(/back-tested worse than Naive/);
  });
});
