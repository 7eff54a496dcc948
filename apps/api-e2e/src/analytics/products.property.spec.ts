import { AnswerCache, IndicatorsService, PlainSource, RollupSource } from '@crm/api/analytics';
import fc from 'fast-check';
import { DataSource } from 'typeorm';

/*
 * Revenue by product is read from `analytics_product_daily`, whose days are recomputed from the
 * sales and their items when the triggers on `sales` and `sale_items` log them (migration
 * `AnalyticsProductDaily1764700000000`). After random sequences of sales written with items, item
 * edits that do not touch the sale's row, status, day and currency changes, deletes, returns, rate
 * and time-zone changes, and partial folds, the products answer read from the rollup (folded days
 * plus the unfolded days computed live) equals the one computed from the sales alone; after a full
 * fold, the rollup equals a recomputation from scratch and nothing is left to fold.
 *
 * The same asks go through a service that serves answers again while their versions stand
 * (`AnswerCache`): summary, timeseries, by status, products and top clients must equal the computed
 * ones after every kind of write — also a sale's external id changed alone, which the warnings name,
 * and a client's name and e-mail, which top clients show.
 */

const STATUSES = ['pending', 'paid', 'paid', 'cancelled', 'refunded'] as const;
const CURRENCIES = ['RUB', 'USD', 'EUR'] as const;
const ZONES = ['UTC', 'Asia/Vladivostok', 'America/New_York', 'Asia/Kolkata'] as const;
const TIMES = ['00:00:00Z', '23:59:59Z', '13:59:59Z', '14:00:00Z', '04:30:00Z', '18:29:59Z', '18:45:00Z'];
const SKUS = ['A', 'B', 'C', null, null] as const;
const NAMES = ['Мёд', 'Чай', 'Набор'] as const;

const itemArb = fc.record({
  sku: fc.constantFrom(...SKUS),
  name: fc.constantFrom(...NAMES),
  quantity: fc.integer({ min: 1, max: 5_000 }).map((n) => (n / 1000).toFixed(3)),
  unitPrice: fc.integer({ min: 0, max: 500_000 }).map((n) => (n / 100).toFixed(2)),
});
const saleArb = fc.record({
  day: fc.integer({ min: 0, max: 40 }),
  time: fc.constantFrom(...TIMES),
  currency: fc.constantFrom(...CURRENCIES),
  status: fc.constantFrom(...STATUSES),
  isReturn: fc.constantFrom(false, false, false, true),
  items: fc.array(itemArb, { minLength: 0, maxLength: 3 }),
});
type SaleArb = typeof saleArb extends fc.Arbitrary<infer T> ? T : never;

const opArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('sell' as const), sales: fc.array(saleArb, { maxLength: 6 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      pick: fc.integer({ min: 1, max: 3 }),
      set: fc.record(
        {
          status: fc.constantFrom(...STATUSES),
          shiftHours: fc.integer({ min: -30, max: 30 }),
          currency: fc.constantFrom(...CURRENCIES),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  // Item edits alone: the sale's row is not written.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('addItem' as const), pick: fc.nat(), item: itemArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('editItem' as const),
      pick: fc.nat(),
      quantity: fc.integer({ min: 1, max: 9_000 }),
      name: fc.constantFrom(...NAMES),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dropItem' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.integer({ min: 1, max: 2 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rate' as const),
      currency: fc.constantFrom('USD', 'EUR'),
      day: fc.integer({ min: -3, max: 38 }),
      rate: fc.integer({ min: 1, max: 100_000_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('timeZone' as const), zone: fc.constantFrom(...ZONES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('fold' as const), days: fc.integer({ min: 1, max: 4 }) }) },
  // The sales fold: without it the answers are never served again (pending changes bypass them).
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('foldSales' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ask' as const) }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
const PERIODS = [
  [0, 40],
  [3, 9],
  [20, 20],
];

describe('product rollup', () => {
  let ds: DataSource;
  let rollup: IndicatorsService;
  let plain: IndicatorsService;
  let cache: AnswerCache;
  let cached: IndicatorsService;

  beforeAll(async () => {
    ds = new DataSource({ type: 'postgres', url: process.env['E2E_DATABASE_URL'], extra: { max: 1 } });
    await ds.initialize();
    // No folder: reads never fold, so the unfolded days are always computed by the read itself.
    rollup = new IndicatorsService(ds, new RollupSource());
    plain = new IndicatorsService(ds, new PlainSource());
    cache = new AnswerCache();
    cached = new IndicatorsService(ds, new RollupSource(), undefined, undefined, undefined, cache);
  });
  afterAll(() => ds.destroy());

  async function sell(companyId: string, clientId: string, sales: SaleArb[]): Promise<void> {
    for (const s of sales) {
      const [sale] = (await ds.query(
        `INSERT INTO sales (company_id, client_id, amount, currency, sold_at, status, kind, return_of)
         SELECT $1, $2, 10, $3, $4, $5, CASE WHEN o.id IS NULL THEN 'sale' ELSE 'return' END, o.id
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (SELECT id FROM sales WHERE company_id = $1 AND kind = 'sale' AND $6 ORDER BY id LIMIT 1) o ON true
         RETURNING id`,
        [companyId, clientId, s.currency, `${day(s.day)}T${s.time}`, s.status, s.isReturn],
      )) as { id: string }[];
      // The items of a sale arrive in a statement of their own, as the API writes them.
      if (s.items.length > 0) {
        await ds.query(
          `INSERT INTO sale_items (sale_id, position, company_id, sku, name, quantity, unit_price)
           SELECT $1, i.position, $2, i.sku, i.name, i.quantity, i.unit_price
           FROM jsonb_to_recordset($3::jsonb) AS i (position int, sku text, name text, quantity numeric, unit_price numeric)`,
          [
            sale.id,
            companyId,
            JSON.stringify(
              s.items.map((i, position) => ({
                position,
                sku: i.sku,
                name: i.name,
                quantity: i.quantity,
                unit_price: i.unitPrice,
              })),
            ),
          ],
        );
      }
    }
  }

  /** The `pick`-th item of the company (in a stable order), or nothing when it has none. */
  async function nthItem(companyId: string, pick: number): Promise<{ sale_id: string; position: number } | undefined> {
    const items = (await ds.query(
      `SELECT sale_id, position FROM sale_items WHERE company_id = $1 ORDER BY sale_id, position`,
      [companyId],
    )) as { sale_id: string; position: number }[];
    return items.length ? items[pick % items.length] : undefined;
  }

  async function apply(companyId: string, clientId: string, op: Op): Promise<void> {
    switch (op.kind) {
      case 'sell':
        return sell(companyId, clientId, op.sales);
      case 'update': {
        const sets: string[] = [];
        const params: unknown[] = [companyId, op.pick];
        const add = (v: unknown) => `$${params.push(v)}`;
        if (op.set.status) sets.push(`status = ${add(op.set.status)}`);
        if (op.set.shiftHours !== undefined)
          sets.push(`sold_at = sold_at + ${add(op.set.shiftHours)} * interval '1 hour'`);
        if (op.set.currency) sets.push(`currency = ${add(op.set.currency)}`);
        if (sets.length === 0) sets.push('status = status');
        await ds.query(
          `UPDATE sales SET ${sets.join(', ')} WHERE id IN (SELECT id FROM sales WHERE company_id = $1 ORDER BY id LIMIT $2)`,
          params,
        );
        return;
      }
      case 'addItem': {
        const sales = (await ds.query(`SELECT id FROM sales WHERE company_id = $1 ORDER BY id`, [companyId])) as {
          id: string;
        }[];
        if (sales.length === 0) return;
        await ds.query(
          `INSERT INTO sale_items (sale_id, position, company_id, sku, name, quantity, unit_price)
           SELECT $1, coalesce((SELECT max(position) + 1 FROM sale_items WHERE sale_id = $1), 0), $2, $3, $4, $5, $6`,
          [sales[op.pick % sales.length].id, companyId, op.item.sku, op.item.name, op.item.quantity, op.item.unitPrice],
        );
        return;
      }
      case 'editItem': {
        const item = await nthItem(companyId, op.pick);
        if (!item) return;
        await ds.query(`UPDATE sale_items SET quantity = $3, name = $4 WHERE sale_id = $1 AND position = $2`, [
          item.sale_id,
          item.position,
          (op.quantity / 1000).toFixed(3),
          op.name,
        ]);
        return;
      }
      case 'dropItem': {
        const item = await nthItem(companyId, op.pick);
        if (item)
          await ds.query(`DELETE FROM sale_items WHERE sale_id = $1 AND position = $2`, [item.sale_id, item.position]);
        return;
      }
      case 'delete':
        // Returns first (a sale with returns cannot go before them).
        await ds.query(
          `DELETE FROM sales WHERE id IN (SELECT id FROM sales WHERE company_id = $1 ORDER BY kind = 'return' DESC, id DESC LIMIT $2)`,
          [companyId, op.pick],
        );
        return;
      case 'rate':
        await ds.query(
          `INSERT INTO exchange_rates (company_id, currency, valid_from, rate) VALUES ($1, $2, $3, $4)
           ON CONFLICT (company_id, currency, valid_from) DO UPDATE SET rate = EXCLUDED.rate`,
          [companyId, op.currency, day(op.day), (op.rate / 1_000_000).toFixed(6)],
        );
        return;
      case 'timeZone':
        await ds.query(`UPDATE companies SET time_zone = $2 WHERE id = $1`, [companyId, op.zone]);
        return;
      case 'fold':
        await ds.query(`SELECT analytics_fold_products($1, $2)`, [companyId, op.days]);
        return;
      case 'foldSales':
        await ds.query(`SELECT analytics_fold_company($1, 1000000)`, [companyId]);
        return;
      case 'rename': {
        // Only names: nothing any rollup counts changes, no change is logged.
        await ds.query(`UPDATE clients SET name = $2, email = $3 WHERE id = $1`, [
          clientId,
          `Клиент ${op.pick}`,
          `c${op.pick}@example.com`,
        ]);
        const sales = (await ds.query(`SELECT id FROM sales WHERE company_id = $1 ORDER BY id`, [companyId])) as {
          id: string;
        }[];
        if (sales.length === 0) return;
        await ds.query(`UPDATE sales SET external_id = $2 WHERE id = $1`, [
          sales[op.pick % sales.length].id,
          `renamed-${op.pick}-${Math.random().toString(36).slice(2)}`,
        ]);
        return;
      }
      case 'ask':
        return expectSameAnswers(companyId);
    }
  }

  async function expectSameAnswers(companyId: string): Promise<void> {
    const scope = { companyId };
    for (const [start, end] of PERIODS) {
      for (const currency of ['RUB', 'USD']) {
        const query = { from: day(start), to: day(end), currency, limit: 1000 };
        const expected = await plain.products(scope, query);
        expect({ query, ...(await rollup.products(scope, query)) }).toEqual({ query, ...expected });
        expect({ query, cached: await cached.products(scope, query) }).toEqual({ query, cached: expected });
        const range = { from: query.from, to: query.to, currency };
        for (const [route, ask] of [
          ['summary', (s: IndicatorsService) => s.summary(scope, range)],
          ['timeseries', (s: IndicatorsService) => s.timeseries(scope, { ...range, granularity: 'week' as const })],
          ['by-status', (s: IndicatorsService) => s.byStatus(scope, range)],
          ['top-clients', (s: IndicatorsService) => s.topClients(scope, { ...range, limit: 5 })],
        ] as const) {
          const computed = await ask(plain);
          expect({ route, query, cached: await ask(cached) }).toEqual({ route, query, cached: computed });
        }
      }
    }
  }

  it('follows an item edit that does not touch its sale, once the day was folded', async () => {
    const [{ id: companyId }] = (await ds.query(
      `INSERT INTO companies (name, time_zone, base_currency) VALUES ('products', 'Asia/Kolkata', 'RUB') RETURNING id`,
    )) as { id: string }[];
    const [{ id: clientId }] = (await ds.query(`INSERT INTO clients (company_id) VALUES ($1) RETURNING id`, [
      companyId,
    ])) as { id: string }[];
    const item = { sku: 'A' as const, name: 'Мёд' as const, quantity: '2.000', unitPrice: '10.00' };
    // 18:45Z is 00:15 in Kolkata: the hour logged (from 18:00Z, 23:30 local) starts the day before.
    await sell(companyId, clientId, [
      { day: 3, time: '18:45:00Z', currency: 'RUB', status: 'paid', isReturn: false, items: [item] },
    ]);
    await ds.query(`SELECT analytics_fold_products($1, 1000000)`, [companyId]);
    await ds.query(`SELECT analytics_fold_company($1, 1000000)`, [companyId]);
    const query = { from: day(0), to: day(10), currency: 'RUB', limit: 10 };
    const answer = async (service = rollup) =>
      (await service.products({ companyId }, query)).items.map((i) => [i.name, i.quantity, i.revenue]);
    expect(await answer()).toEqual([['Мёд', 2, '20.00']]);
    // Served again from here on while nothing changes…
    const served = cache.counts.served;
    expect(await answer(cached)).toEqual([['Мёд', 2, '20.00']]);
    expect(await answer(cached)).toEqual([['Мёд', 2, '20.00']]);
    expect(cache.counts.served).toBe(served + 1);
    const [{ sale_id }] = (await ds.query(`SELECT sale_id FROM sale_items WHERE company_id = $1`, [companyId])) as {
      sale_id: string;
    }[];
    await ds.query(`UPDATE sale_items SET quantity = 3, name = 'Мёд липовый' WHERE sale_id = $1`, [sale_id]);
    expect(await answer()).toEqual([['Мёд липовый', 3, '30.00']]); // the day computed live
    expect(await answer(cached)).toEqual([['Мёд липовый', 3, '30.00']]); // …not while the edit is logged…
    await ds.query(`SELECT analytics_fold_products($1, 1000000)`, [companyId]);
    expect(await answer()).toEqual([['Мёд липовый', 3, '30.00']]); // the day folded again
    expect(await answer(cached)).toEqual([['Мёд липовый', 3, '30.00']]); // …nor once it is folded
    await ds.query(`DELETE FROM sale_items WHERE sale_id = $1`, [sale_id]);
    await ds.query(`SELECT analytics_fold_products($1, 1000000)`, [companyId]);
    expect(await answer()).toEqual([]);
    await ds.query(`DELETE FROM companies WHERE id = $1`, [companyId]);
  });

  it('serves top clients again with their clients’ names as they are now', async () => {
    const [{ id: companyId }] = (await ds.query(
      `INSERT INTO companies (name, time_zone, base_currency) VALUES ('top', 'UTC', 'RUB') RETURNING id`,
    )) as { id: string }[];
    const [{ id: clientId }] = (await ds.query(
      `INSERT INTO clients (company_id, name, email) VALUES ($1, 'Анна', 'anna@example.com') RETURNING id`,
      [companyId],
    )) as { id: string }[];
    await sell(companyId, clientId, [
      { day: 3, time: '10:00:00Z', currency: 'RUB', status: 'paid', isReturn: false, items: [] },
    ]);
    // Nothing left to fold: from here answers are served again while nothing changes.
    await ds.query(`SELECT analytics_fold_company($1, 1000000)`, [companyId]);
    await ds.query(`SELECT analytics_fold_products($1, 1000000)`, [companyId]);
    const query = { from: day(0), to: day(10), currency: 'RUB', limit: 5 };
    const top = async () =>
      (await cached.topClients({ companyId }, query)).items.map((i) => [i.name, i.email, i.revenue]);
    expect(await top()).toEqual([['Анна', 'anna@example.com', '10.00']]);
    const served = cache.counts.served;
    await ds.query(`UPDATE clients SET name = 'Анна Петрова', email = 'anna.p@example.com' WHERE id = $1`, [clientId]);
    expect(await top()).toEqual([['Анна Петрова', 'anna.p@example.com', '10.00']]);
    expect(cache.counts.served).toBe(served + 1);
    await ds.query(`DELETE FROM companies WHERE id = $1`, [companyId]);
  });

  it('answers every period as the sales and their items do, folded or not, and folds to a recomputation', async () => {
    let folded = 0;
    const servedBefore = cache.counts.served;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.array(opArb, { minLength: 5, maxLength: 30 }),
        async (zone, ops) => {
          const [{ id: companyId }] = (await ds.query(
            `INSERT INTO companies (name, time_zone, base_currency) VALUES ('products', $1, 'RUB') RETURNING id`,
            [zone],
          )) as { id: string }[];
          const [{ id: clientId }] = (await ds.query(`INSERT INTO clients (company_id) VALUES ($1) RETURNING id`, [
            companyId,
          ])) as { id: string }[];
          await ds.query(
            `INSERT INTO exchange_rates (company_id, currency, valid_from, rate) VALUES ($1, 'USD', '2026-01-05', 90.5)`,
            [companyId],
          );
          for (const op of ops) await apply(companyId, clientId, op);
          await expectSameAnswers(companyId);

          // Folded to the end: nothing left, and the cells are what recomputing every day gives.
          await ds.query(`SELECT analytics_fold_products($1, 1000000)`, [companyId]);
          const left = (await ds.query(
            `SELECT (SELECT count(*) FROM analytics_product_changes WHERE company_id = $1)::int
                  + (SELECT count(*) FROM analytics_product_dirty WHERE company_id = $1)::int AS n`,
            [companyId],
          )) as { n: number }[];
          expect(left[0].n).toBe(0);
          const cells = `day::text, trim(currency) AS currency, product, sku, name, name_sale, quantity::text, amount::text, sales`;
          const kept = await ds.query(
            `SELECT ${cells} FROM analytics_product_daily WHERE company_id = $1 ORDER BY day, currency, product`,
            [companyId],
          );
          const recomputed = await ds.query(
            `SELECT ${cells} FROM analytics_product_cells_of($1, (SELECT time_zone FROM companies WHERE id = $1),
               ARRAY(SELECT DISTINCT (sold_at AT TIME ZONE (SELECT time_zone FROM companies WHERE id = $1))::date
                     FROM sales WHERE company_id = $1)) ORDER BY day, currency, product`,
            [companyId],
          );
          expect(kept).toEqual(recomputed);
          if (kept.length > 0) folded += 1;
          await expectSameAnswers(companyId);
          await ds.query(`DELETE FROM companies WHERE id = $1`, [companyId]);
        },
      ),
      { numRuns: Number(process.env['ANALYTICS_PROPERTY_RUNS'] ?? 30) },
    );
    // The runs did fold cells, so the answers above were read from them; and answers were served again.
    expect(folded).toBeGreaterThan(0);
    expect(cache.counts.served).toBeGreaterThan(servedBefore);
  }, 900_000);
});
