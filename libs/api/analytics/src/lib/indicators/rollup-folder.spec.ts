import { SaleChangeHooks } from '@crm/api/core';
import type { DataSource } from 'typeorm';
import { FOLD_CHUNK, FOLDED_TABLES, foldConnections, PRODUCT_FOLD_DAYS, RollupFolder } from './rollup-folder';

/**
 * A DataSource double: `pending` changes wait; each fold call claims up to the chunk size; the
 * statistics of `stale` tables are missing or out of date; `productDays` days of product cells
 * wait, each product fold recomputing up to the days asked.
 */
function fakeDatabase(pending: number, stale: string[] = [], missing = true, productDays = 0) {
  const calls: string[] = [];
  let left = pending;
  let days = productDays;
  const query = jest.fn(async (text: string, params: unknown[]) => {
    await new Promise((resolve) => setImmediate(resolve));
    if (text.includes('pg_stats')) {
      calls.push('stale?');
      return stale.filter((t) => (params[0] as string[]).includes(t)).map((name) => ({ name, missing }));
    }
    if (text.startsWith('ANALYZE')) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      calls.push(text);
      return [];
    }
    if (text.includes('EXISTS')) {
      calls.push('exists');
      return [{ pending: left > 0 }];
    }
    if (text.includes('analytics_fold_products')) {
      const n = Math.min(days, params[1] as number);
      days -= n;
      calls.push(`products ${n}`);
      return [{ n }];
    }
    if (text.includes('analytics_fold_company')) {
      const n = Math.min(left, params[1] as number);
      left -= n;
      calls.push(`fold ${n}`);
      return [{ n }];
    }
    return [];
  });
  return { dataSource: { query } as unknown as DataSource, calls, left: () => left, days: () => days };
}

describe('RollupFolder', () => {
  it('does nothing when nothing is pending', async () => {
    const db = fakeDatabase(0);
    await expect(new RollupFolder(db.dataSource, new SaleChangeHooks()).fold({ companyId: 'c1' })).resolves.toBe(0);
    expect(db.calls).toEqual(['exists']);
  });

  it('folds a backlog in chunks until a chunk comes back short', async () => {
    const db = fakeDatabase(2 * FOLD_CHUNK + 7);
    await expect(new RollupFolder(db.dataSource, new SaleChangeHooks()).fold({ companyId: 'c1' })).resolves.toBe(
      2 * FOLD_CHUNK + 7,
    );
    expect(db.calls).toEqual(['exists', `fold ${FOLD_CHUNK}`, `fold ${FOLD_CHUNK}`, 'fold 7', 'stale?']);
    expect(db.left()).toBe(0);
  });

  it('recomputes the product days logged only when asked, a few days a transaction', async () => {
    const db = fakeDatabase(0, [], true, 2 * PRODUCT_FOLD_DAYS + 3);
    const folder = new RollupFolder(db.dataSource, new SaleChangeHooks());
    // A read's fold does not wait for product days (the read computes unfolded days itself).
    await expect(folder.fold({ companyId: 'c1' })).resolves.toBe(0);
    expect(db.calls).toEqual(['exists']);
    await expect(folder.foldProducts({ companyId: 'c1' })).resolves.toBe(2 * PRODUCT_FOLD_DAYS + 3);
    expect(db.calls).toEqual([
      'exists',
      `products ${PRODUCT_FOLD_DAYS}`,
      `products ${PRODUCT_FOLD_DAYS}`,
      'products 3',
      'stale?',
    ]);
    expect(db.days()).toBe(0);
  });

  it('folds the product days after the sales of a quiet company, in the background', async () => {
    const db = fakeDatabase(4, [], true, 2);
    const hooks = new SaleChangeHooks();
    const folder = new RollupFolder(db.dataSource, hooks);
    folder.onModuleInit();
    try {
      await hooks.emit({} as never, { companyId: 'c1' }, 1);
      for (let i = 0; i < 100 && db.days() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(db.calls.filter((c) => c.startsWith('fold') || c.startsWith('products'))).toEqual([
        'fold 4',
        'products 2',
      ]);
    } finally {
      folder.onModuleDestroy();
    }
  });

  it('lets a caller that arrives during a fold wait for it and then fold what came since', async () => {
    const db = fakeDatabase(5);
    const folder = new RollupFolder(db.dataSource, new SaleChangeHooks());
    const first = folder.fold({ companyId: 'c1' });
    const second = folder.fold({ companyId: 'c1' });
    await expect(Promise.all([first, second])).resolves.toEqual([5, 0]);
    expect(db.calls).toEqual(['exists', 'fold 5', 'stale?', 'exists']);
  });

  it('still folds for a waiting caller when the fold in progress failed', async () => {
    const db = fakeDatabase(3);
    const query = db.dataSource.query as jest.Mock;
    query.mockImplementationOnce(async () => {
      throw new Error('connection lost');
    });
    const folder = new RollupFolder(db.dataSource, new SaleChangeHooks());
    const first = folder.fold({ companyId: 'c1' });
    const second = folder.fold({ companyId: 'c1' });
    await expect(first).rejects.toThrow('connection lost');
    await expect(second).resolves.toBe(3);
  });

  it('analyses the tables a fold changed that have no statistics before the caller reads', async () => {
    const db = fakeDatabase(14_500, ['analytics_client_daily', 'analytics_sales_daily', 'sales']);
    await expect(new RollupFolder(db.dataSource, new SaleChangeHooks()).fold({ companyId: 'c1' })).resolves.toBe(
      14_500,
    );
    expect(db.calls).toEqual([
      'exists',
      'fold 14500',
      'stale?',
      'ANALYZE (SKIP_LOCKED) "analytics_client_daily", "analytics_sales_daily", "sales"',
    ]);
    const asked = (db.dataSource.query as jest.Mock).mock.calls.find(([text]) => String(text).includes('pg_stats'));
    expect(asked?.[1][0]).toEqual(FOLDED_TABLES);
  });

  it('does not look at statistics when there was nothing to fold', async () => {
    const db = fakeDatabase(0, ['analytics_client_daily']);
    await new RollupFolder(db.dataSource, new SaleChangeHooks()).fold({ companyId: 'c1' });
    expect(db.calls).toEqual(['exists']);
  });

  it('lets every caller arriving during a fold share one next fold', async () => {
    const db = fakeDatabase(5);
    const folder = new RollupFolder(db.dataSource, new SaleChangeHooks());
    const first = folder.fold({ companyId: 'c1' });
    const waiting = Array.from({ length: 20 }, () => folder.fold({ companyId: 'c1' }));
    await expect(Promise.all([first, ...waiting])).resolves.toEqual([5, ...waiting.map(() => 0)]);
    // Before, each waiter started its own fold after the previous one: twenty-one 'exists'.
    expect(db.calls.filter((c) => c === 'exists')).toHaveLength(2);
  });

  it('refreshes statistics that are only behind in the background, without holding the caller', async () => {
    const db = fakeDatabase(100, ['analytics_client_daily'], false);
    await expect(new RollupFolder(db.dataSource, new SaleChangeHooks()).fold({ companyId: 'c1' })).resolves.toBe(100);
    expect(db.calls).toEqual(['exists', 'fold 100', 'stale?']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(db.calls).toEqual(['exists', 'fold 100', 'stale?', 'ANALYZE (SKIP_LOCKED) "analytics_client_daily"']);
  });

  it('folds many companies on at most a quarter of the pool at once', async () => {
    let active = 0;
    let most = 0;
    const query = jest.fn(async (text: string) => {
      if (text.includes('pg_stats')) return []; // statistics current
      if (text.includes('analytics_fold_company')) {
        active += 1;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active -= 1;
        return [{ n: 1 }];
      }
      if (text.includes('EXISTS')) return [{ pending: true }];
      return [];
    });
    const dataSource = { query, options: { extra: { max: 10 } } } as unknown as DataSource;
    const folder = new RollupFolder(dataSource, new SaleChangeHooks());
    expect(folder.budget.size).toBe(2);
    await expect(
      Promise.all(Array.from({ length: 12 }, (_, k) => folder.fold({ companyId: `c${k}` }))),
    ).resolves.toEqual(Array.from({ length: 12 }, () => 1));
    expect(most).toBe(2);
    expect(foldConnections({ options: { extra: { max: 1 } } } as unknown as DataSource)).toBe(1);
  });
});
