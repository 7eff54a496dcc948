import type { AnalyticsContext } from '../analytics-context';
import type { SqlRunner } from '../sql';
import { AnswerCache } from './answer-cache';

/** A snapshot double: the versions and product log it shows, and the warning sales it reads. */
function snapshot(state: { folds: number; settings: number; logged?: boolean; externalId?: string }): SqlRunner {
  return (async (text: string) => {
    if (text.includes('analytics_answer_versions')) {
      return [{ folds: String(state.folds), settings: String(state.settings), logged: state.logged ?? false }];
    }
    if (text.includes('FROM sales')) {
      return [
        { id: 's1', external_id: state.externalId ?? 'E-1', sold_at: new Date('2026-01-02T10:00:00Z'), amount: '5.00' },
      ];
    }
    throw new Error(`unexpected statement: ${text}`);
  }) as SqlRunner;
}

const ctx = (over: Partial<AnalyticsContext> = {}): AnalyticsContext =>
  ({
    company: { scope: { companyId: 'c1' }, timeZone: 'UTC', today: '2026-02-01' },
    conversion: { currency: 'RUB' },
    ...over,
  }) as unknown as AnalyticsContext;

describe('AnswerCache', () => {
  it('serves an answer again while the versions stand, and computes once they move', async () => {
    const cache = new AnswerCache();
    const state = { folds: 1, settings: 0 };
    let computed = 0;
    const ask = () =>
      cache.answer(snapshot(state), ctx(), 'summary', { from: 'a' }, [], async () => ({ n: ++computed }));
    expect(await ask()).toEqual({ n: 1 });
    expect(await ask()).toEqual({ n: 1 });
    state.folds = 2;
    expect(await ask()).toEqual({ n: 2 });
    state.settings = 1;
    expect(await ask()).toEqual({ n: 3 });
    expect(cache.counts).toEqual({ served: 1, computed: 3 });
  });

  it('computes every time while changes wait to be folded, or the read is filtered', async () => {
    const cache = new AnswerCache();
    let computed = 0;
    const compute = async () => ++computed;
    const pending = ctx({ pending: { changes: 3, paidDays: [], complete: true } });
    const filtered = ctx({ filter: { clientIds: ['x'] } });
    const logged = snapshot({ folds: 1, settings: 0, logged: true });
    for (let i = 0; i < 2; i++) {
      await cache.answer(snapshot({ folds: 1, settings: 0 }), pending, 'summary', {}, [], compute);
      await cache.answer(snapshot({ folds: 1, settings: 0 }), filtered, 'summary', {}, [], compute);
      await cache.answer(logged, ctx(), 'products', {}, [], compute);
    }
    expect(computed).toBe(6);
  });

  it('keeps answers apart by company, route, query, currency and day', async () => {
    const cache = new AnswerCache();
    const sql = snapshot({ folds: 1, settings: 0 });
    let computed = 0;
    const compute = async () => ++computed;
    await cache.answer(sql, ctx(), 'summary', { from: 'a' }, [], compute);
    await cache.answer(sql, ctx(), 'summary', { from: 'b' }, [], compute);
    await cache.answer(sql, ctx(), 'by-status', { from: 'a' }, [], compute);
    await cache.answer(sql, ctx({ conversion: { currency: 'USD' } as never }), 'summary', { from: 'a' }, [], compute);
    await cache.answer(
      sql,
      ctx({ company: { scope: { companyId: 'c2' }, timeZone: 'UTC', today: '2026-02-01' } as never }),
      'summary',
      { from: 'a' },
      [],
      compute,
    );
    await cache.answer(
      sql,
      ctx({ company: { scope: { companyId: 'c1' }, timeZone: 'UTC', today: '2026-02-02' } as never }),
      'summary',
      { from: 'a' },
      [],
      compute,
    );
    expect(computed).toBe(6);
    await cache.answer(sql, ctx(), 'summary', { from: 'a' }, [], compute);
    expect(computed).toBe(6);
  });

  it('reads the sales a served warning names afresh', async () => {
    const cache = new AnswerCache();
    const state = { folds: 1, settings: 0, externalId: 'E-1' };
    const warning = {
      code: 'unconverted-sales',
      message: '1 sale(s) in EUR …',
      currency: 'EUR',
      salesCount: 1,
      amount: '5.00',
      firstDay: '2026-01-02',
      lastDay: '2026-01-02',
      sales: [{ id: 's1', externalId: 'E-1', soldAt: '2026-01-02T10:00:00.000Z', amount: '5.00' }],
    };
    const compute = async () => ({ revenue: '1', warnings: [warning] });
    await cache.answer(snapshot(state), ctx(), 'summary', {}, ['paid'], compute);
    state.externalId = 'E-renamed';
    const served = await cache.answer(snapshot(state), ctx(), 'summary', {}, ['paid'], compute);
    expect(cache.counts.served).toBe(1);
    expect(served.warnings[0].sales[0].externalId).toBe('E-renamed');
    expect(served.revenue).toBe('1');
  });

  it('applies the caller’s refresh to an answer it serves, not to one it computes', async () => {
    const cache = new AnswerCache();
    const sql = snapshot({ folds: 1, settings: 0 });
    let name = 'Анна';
    const compute = async () => ({ items: [{ clientId: 'k1', name }] });
    const refresh = async (a: { items: { clientId: string; name: string }[] }) => ({
      items: a.items.map((i) => ({ ...i, name: `${name} (now)` })),
    });
    expect(await cache.answer(sql, ctx(), 'top-clients', {}, [], compute, refresh)).toEqual({
      items: [{ clientId: 'k1', name: 'Анна' }],
    });
    name = 'Анна Петрова';
    expect(await cache.answer(sql, ctx(), 'top-clients', {}, [], compute, refresh)).toEqual({
      items: [{ clientId: 'k1', name: 'Анна Петрова (now)' }],
    });
    expect(cache.counts).toEqual({ served: 1, computed: 1 });
  });

  it('holds at most its capacity, the least recently used going first', async () => {
    const cache = new AnswerCache(2);
    const sql = snapshot({ folds: 1, settings: 0 });
    let computed = 0;
    const ask = (from: string) => cache.answer(sql, ctx(), 'summary', { from }, [], async () => ++computed);
    await ask('a');
    await ask('b');
    await ask('a'); // served; now b is the oldest
    await ask('c'); // b goes
    await ask('a'); // still kept
    expect(computed).toBe(3);
    await ask('b');
    expect(computed).toBe(4);
  });

  it('gives each caller its own copy', async () => {
    const cache = new AnswerCache();
    const sql = snapshot({ folds: 1, settings: 0 });
    const first = await cache.answer(sql, ctx(), 'summary', {}, [], async () => ({ items: [1] }));
    first.items.push(2);
    const again = await cache.answer(sql, ctx(), 'summary', {}, [], async () => ({ items: [9] }));
    expect(again).toEqual({ items: [1] });
  });
});
