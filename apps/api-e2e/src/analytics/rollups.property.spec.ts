import {
  ANALYTICS_READ_BEGIN,
  type AnalyticsContext,
  type Buckets,
  type IndicatorSource,
  IndicatorsService,
  type KeptAnswer,
  loadContext,
  loadPending,
  PlainSource,
  RollupSource,
  type SqlRunner,
  TopClientsAnswers,
  type TotalsQuery,
} from '@crm/api/analytics';
import fc from 'fast-check';
import { DataSource } from 'typeorm';

/*
 * The rollups the analytics read are fed by triggers on `sales` (a change log folded into them in
 * steps of any size, between writes or after them). After random sequences of
 * inserts, upserts (ON CONFLICT, as the batch API writes), updates of status, amount, date,
 * currency and buyer, deletes, client deletions (cascades), rate changes and time-zone changes,
 * every answer from the rollups equals the plain aggregate over `sales`, and the rollup tables
 * equal a rebuild from scratch.
 */

const STATUSES = ['pending', 'paid', 'cancelled', 'refunded'] as const;
const CURRENCIES = ['RUB', 'USD', 'EUR', 'JPY'] as const;
const ZONES = ['UTC', 'Asia/Vladivostok', 'America/New_York', 'Asia/Kolkata'] as const;
const TIMES = ['00:00:00Z', '23:59:59Z', '13:59:59Z', '14:00:00Z', '04:30:00Z', '18:29:59Z'];
const CLIENTS = 6;

const saleArb = fc.record({
  externalId: fc.option(
    fc.integer({ min: 1, max: 40 }).map((n) => `E${n}`),
    { nil: null },
  ),
  client: fc.integer({ min: 0, max: CLIENTS - 1 }),
  day: fc.integer({ min: 0, max: 75 }),
  time: fc.constantFrom(...TIMES),
  currency: fc.constantFrom(...CURRENCIES),
  status: fc.constantFrom(...STATUSES),
  cents: fc.integer({ min: 0, max: 2_000_000 }),
  // A return of the company's first sale (the rollups do not care which: the API checks that).
  isReturn: fc.constantFrom(false, false, false, true),
});
type SaleArb = typeof saleArb extends fc.Arbitrary<infer T> ? T : never;

const rateOpArb = fc.record({
  kind: fc.constant('rate' as const),
  currency: fc.constantFrom('USD', 'EUR'),
  day: fc.integer({ min: -5, max: 70 }),
  rate: fc.integer({ min: 1, max: 100_000_000 }),
});

const timeZoneOpArb = fc.record({ kind: fc.constant('timeZone' as const), zone: fc.constantFrom(...ZONES) });

const opArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      sales: fc.array(saleArb, { minLength: 1, maxLength: 8 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('upsert' as const),
      sales: fc.array(saleArb, { minLength: 1, maxLength: 6 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      pick: fc.integer({ min: 1, max: 4 }),
      set: fc.record(
        {
          status: fc.constantFrom(...STATUSES),
          cents: fc.integer({ min: 0, max: 2_000_000 }),
          shiftHours: fc.integer({ min: -40, max: 40 }),
          currency: fc.constantFrom(...CURRENCIES),
          client: fc.integer({ min: 0, max: CLIENTS - 1 }),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.integer({ min: 1, max: 3 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deleteClient' as const),
      client: fc.integer({ min: 0, max: CLIENTS - 1 }),
    }),
  },
  { weight: 1, arbitrary: rateOpArb },
  { weight: 1, arbitrary: timeZoneOpArb },
  {
    // Folding part of the logged changes between writes, in small steps.
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('fold' as const), max: fc.integer({ min: 1, max: 5 }) }),
  },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
const amount = (s: { cents: number; currency: string }) =>
  s.currency === 'JPY' ? String(Math.floor(s.cents / 100)) : (s.cents / 100).toFixed(2);

describe('analytics rollups', () => {
  let ds: DataSource;
  let sql: SqlRunner;

  beforeAll(async () => {
    ds = new DataSource({ type: 'postgres', url: process.env['E2E_DATABASE_URL'], extra: { max: 1 } });
    await ds.initialize();
    sql = <T>(text: string, params: readonly unknown[]) => ds.query(text, params as unknown[]) as Promise<T[]>;
  });
  afterAll(() => ds.destroy());

  /**
   * Runs `work` in a transaction begun as the API begins an analytics read (one read-only
   * REPEATABLE READ snapshot, JIT off): the API under test folds every company's pending changes in
   * the background (its sweep), and a fold between a read's statements (the pending changes read
   * before it, the rollups after) would count them twice or not at all; and on a server whose
   * statistics are missing, JIT compiled each statement for a second or more (a run then took over
   * two minutes). `sql` is the transaction's meanwhile (the pool has one connection).
   */
  async function inSnapshot<T>(work: () => Promise<T>): Promise<T> {
    const runner = ds.createQueryRunner();
    await runner.connect();
    const outside = sql;
    let open = false;
    try {
      await runner.query(ANALYTICS_READ_BEGIN);
      open = true;
      sql = <R>(text: string, params: readonly unknown[]) => runner.query(text, params as unknown[]) as Promise<R[]>;
      const result = await work();
      await runner.query('COMMIT');
      open = false;
      return result;
    } finally {
      sql = outside;
      if (open) await runner.query('ROLLBACK');
      await runner.release();
    }
  }

  /** A company with `clientCount` clients and the given rates (currency, validFrom, rate). */
  async function newCompany(
    zone: string,
    base: string,
    clientCount: number,
    rates: [string, string, string][],
  ): Promise<{ companyId: string; clients: string[] }> {
    const [{ id: companyId }] = (await ds.query(
      `INSERT INTO companies (name, time_zone, base_currency) VALUES ('prop', $1, $2) RETURNING id`,
      [zone, base],
    )) as { id: string }[];
    const clients = (
      (await ds.query(`INSERT INTO clients (company_id) SELECT $1 FROM generate_series(1, $2::int) RETURNING id`, [
        companyId,
        clientCount,
      ])) as { id: string }[]
    ).map((c) => c.id);
    await ds.query(
      `INSERT INTO exchange_rates (company_id, currency, valid_from, rate)
       SELECT $1, r.currency, r.valid_from, r.rate FROM unnest($2::text[], $3::date[], $4::numeric[]) AS r (currency, valid_from, rate)`,
      [companyId, rates.map((r) => r[0]), rates.map((r) => r[1]), rates.map((r) => r[2])],
    );
    return { companyId, clients };
  }

  async function apply(companyId: string, clients: string[], op: Op): Promise<void> {
    const values = (sales: SaleArb[]) =>
      sales.map((s) => [
        s.externalId,
        clients[s.client],
        amount(s),
        s.currency,
        `${day(s.day)}T${s.time}`,
        s.status,
        s.isReturn,
      ]);
    // A return names the company's first sale other than itself; without one it stays a sale.
    const insertSql = `INSERT INTO sales (company_id, external_id, client_id, amount, currency, sold_at, status, kind, return_of)
       SELECT $1, x.external_id, x.client_id, x.amount, x.currency, x.sold_at, x.status,
              CASE WHEN o.id IS NULL THEN 'sale' ELSE 'return' END, o.id
       FROM jsonb_to_recordset($2::jsonb)
         AS x(external_id text, client_id uuid, amount numeric, currency text, sold_at timestamptz, status text, is_return boolean)
       LEFT JOIN LATERAL (
         SELECT id FROM sales WHERE company_id = $1 AND kind = 'sale' AND x.is_return
           AND external_id IS DISTINCT FROM x.external_id ORDER BY id LIMIT 1
       ) o ON true`;
    const json = (rows: unknown[][]) =>
      JSON.stringify(
        rows.map(([external_id, client_id, amt, currency, sold_at, status, is_return]) => ({
          external_id,
          client_id,
          amount: amt,
          currency,
          sold_at,
          status,
          is_return,
        })),
      );
    switch (op.kind) {
      case 'insert': {
        // Fresh external ids (or none), so plain inserts never conflict.
        const rows = values(op.sales).map((r) => [
          r[0] === null ? null : `${r[0]}-${Math.random().toString(36).slice(2)}`,
          ...r.slice(1),
        ]);
        await ds.query(insertSql, [companyId, json(rows)]);
        break;
      }
      case 'upsert': {
        const rows = values(op.sales.map((s) => ({ ...s, externalId: s.externalId ?? 'E1' })));
        const unique = [...new Map(rows.map((r) => [r[0], r])).values()];
        await ds.query(
          `${insertSql} ON CONFLICT (company_id, external_id) DO UPDATE
             SET client_id = EXCLUDED.client_id, amount = EXCLUDED.amount, currency = EXCLUDED.currency,
                 sold_at = EXCLUDED.sold_at, status = EXCLUDED.status, kind = EXCLUDED.kind, return_of = EXCLUDED.return_of
           WHERE (sales.client_id, sales.amount, sales.currency, sales.sold_at, sales.status, sales.kind, sales.return_of)
                 IS DISTINCT FROM (EXCLUDED.client_id, EXCLUDED.amount, EXCLUDED.currency, EXCLUDED.sold_at, EXCLUDED.status,
                                   EXCLUDED.kind, EXCLUDED.return_of)`,
          [companyId, json(unique)],
        );
        break;
      }
      case 'update': {
        const sets: string[] = [];
        const params: unknown[] = [companyId, op.pick];
        const add = (v: unknown) => `$${params.push(v)}`;
        if (op.set.status) sets.push(`status = ${add(op.set.status)}`);
        if (op.set.cents !== undefined) sets.push(`amount = ${add((op.set.cents / 100).toFixed(0))}`);
        if (op.set.shiftHours !== undefined)
          sets.push(`sold_at = sold_at + ${add(op.set.shiftHours)} * interval '1 hour'`);
        if (op.set.currency) sets.push(`currency = ${add(op.set.currency)}`);
        if (op.set.client !== undefined) sets.push(`client_id = ${add(clients[op.set.client])}`);
        if (sets.length === 0) sets.push('status = status');
        await ds.query(
          `UPDATE sales SET ${sets.join(', ')} WHERE id IN (SELECT id FROM sales WHERE company_id = $1 ORDER BY id LIMIT $2)`,
          params,
        );
        break;
      }
      case 'delete':
        await ds.query(
          `DELETE FROM sales WHERE id IN (SELECT id FROM sales WHERE company_id = $1 ORDER BY id DESC LIMIT $2)`,
          [companyId, op.pick],
        );
        break;
      case 'deleteClient':
        await ds.query(`DELETE FROM clients WHERE company_id = $1 AND id = $2`, [companyId, clients[op.client]]);
        await ds.query(`INSERT INTO clients (id, company_id) VALUES ($2, $1) ON CONFLICT DO NOTHING`, [
          companyId,
          clients[op.client],
        ]);
        break;
      case 'rate':
        await ds.query(
          `INSERT INTO exchange_rates (company_id, currency, valid_from, rate) VALUES ($1, $2, $3, $4)
           ON CONFLICT (company_id, currency, valid_from) DO UPDATE SET rate = EXCLUDED.rate`,
          [companyId, op.currency, day(op.day), (op.rate / 1_000_000).toFixed(6)],
        );
        break;
      case 'timeZone':
        await ds.query(`UPDATE companies SET time_zone = $2 WHERE id = $1`, [companyId, op.zone]);
        break;
      case 'fold':
        await ds.query(`SELECT analytics_fold_company($1, $2)`, [companyId, op.max]);
        break;
    }
  }

  async function answers(source: IndicatorSource, ctx: AnalyticsContext, from: string, to: string): Promise<unknown> {
    const all = async (buckets: Buckets, statuses: TotalsQuery['statuses']) => {
      const t = await source.totals(sql, ctx, { from, to, buckets, statuses });
      const key = (x: { bucket: string; status: string }) => `${x.bucket}|${x.status}`;
      return {
        totals: t.totals.map((x) => ({ ...x, revenue: trim(x.revenue) })).sort((a, b) => (key(a) < key(b) ? -1 : 1)),
        unconverted: t.unconverted
          .map((x) => ({ ...x, amount: trim(x.amount) }))
          .sort((a, b) => (`${key(a)}|${a.currency}` < `${key(b)}|${b.currency}` ? -1 : 1)),
      };
    };
    const length = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
    const previous = {
      from: new Date(Date.parse(from) - length * 86_400_000).toISOString().slice(0, 10),
      to: new Date(Date.parse(from) - 86_400_000).toISOString().slice(0, 10),
    };
    return {
      month: await all({ granularity: 'month' }, ['paid', 'return:paid']),
      week: await all({ granularity: 'week' }, ['paid', 'return:paid']),
      day: await all({ granularity: 'day' }, [...STATUSES, ...STATUSES.map((s) => `return:${s}` as const)]),
      split: await all({ splitAt: from }, ['paid', 'return:paid']),
      buyers: await source.buyers(sql, ctx, [{ from, to }, previous, { from: day(-10), to: day(80) }]),
      top: await Promise.all(
        [1, 3, 1000].map(async (limit) =>
          (await source.topClients(sql, ctx, { from, to }, limit)).map((c) => ({ ...c, revenue: trim(c.revenue) })),
        ),
      ),
    };
  }

  it('rank top clients exactly as plain aggregates, with many clients', async () => {
    // 120 clients compete, amounts span five orders of magnitude, rates change inside periods and
    // some currencies cannot be converted, so the rate bounds decide which clients are summed exactly.
    const rollups = new RollupSource();
    const plain = new PlainSource();
    const many = 120;
    const bought = fc.record({
      client: fc.integer({ min: 0, max: many - 1 }),
      day: fc.integer({ min: 0, max: 75 }),
      time: fc.constantFrom(...TIMES),
      currency: fc.constantFrom('RUB', 'RUB', 'RUB', 'USD', 'EUR', 'JPY'),
      status: fc.constantFrom('paid', 'paid', 'paid', 'refunded'),
      cents: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 20_000_000 })),
      returned: fc.constantFrom(false, false, false, true),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.constantFrom('RUB', 'USD'),
        fc.array(bought, { minLength: 200, maxLength: 400 }),
        fc.integer({ min: -5, max: 70 }),
        fc.integer({ min: 0, max: 45 }),
        // How many logged changes are folded; the rest a read applies on the fly.
        fc.oneof(fc.constant(1_000_000), fc.integer({ min: 0, max: 400 })),
        async (zone, base, sales, start, length, folded) => {
          const { companyId, clients } = await newCompany(zone, base, many, [
            ['USD', '2026-01-10', '90.5'],
            ['USD', '2026-02-15', '101.25'],
            ['EUR', '2026-02-01', '99.75'],
          ]);
          await ds.query(
            `INSERT INTO sales (company_id, client_id, amount, currency, sold_at, status)
             SELECT $1, x.client_id, x.amount, x.currency, x.sold_at, x.status
             FROM jsonb_to_recordset($2::jsonb) AS x(client_id uuid, amount numeric, currency text, sold_at timestamptz, status text)`,
            [
              companyId,
              JSON.stringify(
                sales
                  .filter((s) => !s.returned)
                  .map((s) => ({
                    client_id: clients[s.client],
                    amount: amount(s),
                    currency: s.currency,
                    sold_at: `${day(s.day)}T${s.time}`,
                    status: s.status,
                  })),
              ),
            ],
          );
          // Returns (of any sale: the rollups do not care which) rank clients down, even below zero.
          await ds.query(
            `INSERT INTO sales (company_id, client_id, amount, currency, sold_at, status, kind, return_of)
             SELECT $1, x.client_id, x.amount, x.currency, x.sold_at, x.status, 'return',
                    (SELECT id FROM sales WHERE company_id = $1 ORDER BY id LIMIT 1)
             FROM jsonb_to_recordset($2::jsonb) AS x(client_id uuid, amount numeric, currency text, sold_at timestamptz, status text)
             WHERE EXISTS (SELECT 1 FROM sales WHERE company_id = $1)`,
            [
              companyId,
              JSON.stringify(
                sales
                  .filter((s) => s.returned)
                  .map((s) => ({
                    client_id: clients[s.client],
                    amount: amount(s),
                    currency: s.currency,
                    sold_at: `${day(s.day)}T${s.time}`,
                    status: s.status,
                  })),
              ),
            ],
          );
          await ds.query(`SELECT analytics_fold_company($1, $2)`, [companyId, folded]);
          const period = { from: day(start), to: day(start + length) };
          for (const currency of ['RUB', 'USD', 'EUR', 'JPY']) {
            const ctx = await loadPending(sql, await loadContext(sql, { companyId }, currency));
            for (const limit of [1, 5, 10]) {
              const expected = (await plain.topClients(sql, ctx, period, limit)).map((c) => ({
                ...c,
                revenue: trim(c.revenue),
              }));
              const actual = (await rollups.topClients(sql, ctx, period, limit)).map((c) => ({
                ...c,
                revenue: trim(c.revenue),
              }));
              expect({ currency, limit, top: actual }).toEqual({ currency, limit, top: expected });
            }
          }
          await ds.query(`DELETE FROM companies WHERE id = $1`, [companyId]);
        },
      ),
      { numRuns: Number(process.env['ANALYTICS_PROPERTY_RUNS'] ?? 30) },
    );
  }, 900_000);

  it('keep top-client answers exactly true through random writes', async () => {
    // Asks of a few fixed periods between random writes: the second ask of a period may be served
    // from a kept answer, which every write that changes the period (or the rates, base currency or
    // time zone) must have retired. Each answer is compared with plain aggregates computed afresh.
    const hits = { kept: 0 };
    class CountingAnswers extends TopClientsAnswers {
      override async find(...args: Parameters<TopClientsAnswers['find']>): Promise<KeptAnswer> {
        const found = await super.find(...args);
        if (found.kind === 'kept') hits.kept += 1;
        return found;
      }
    }
    const kept = new IndicatorsService(ds, new RollupSource(), undefined, new CountingAnswers(ds));
    const plain = new IndicatorsService(ds, new PlainSource());
    // Two disjoint periods and one across both; each ask asks them all in two currencies.
    const periods = [
      [0, 30],
      [35, 50],
      [20, 45],
    ];
    const askArb = fc.record({
      kind: fc.constant('ask' as const),
      limit: fc.constantFrom(1, 3, 10),
      fold: fc.boolean(),
    });
    const askAll = async (companyId: string, limit: number, fold = true) => {
      for (const [start, end] of periods) {
        for (const currency of ['RUB', 'USD']) {
          // Everything logged folded first, or (the read does not wait for a fold) applied on the
          // fly, with kept answers of the periods it touches set aside.
          if (fold) await ds.query(`SELECT analytics_fold_company($1, 1000000)`, [companyId]);
          const query = { from: day(start), to: day(end), currency, limit };
          const expected = await plain.topClients({ companyId }, query);
          expect({ query, ...(await kept.topClients({ companyId }, query)) }).toEqual({ query, ...expected });
        }
      }
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.constantFrom('RUB', 'USD'),
        fc.array(
          fc.oneof(
            { weight: 3, arbitrary: opArb },
            { weight: 2, arbitrary: askArb },
            { weight: 1, arbitrary: rateOpArb },
            { weight: 1, arbitrary: timeZoneOpArb },
          ),
          {
            minLength: 5,
            maxLength: 30,
          },
        ),
        fc.boolean(),
        async (zone, base, steps, changeBase) => {
          const { companyId, clients } = await newCompany(zone, base, CLIENTS, [
            ['USD', '2026-01-10', '90.5'],
            ['EUR', '2026-02-01', '99.75'],
          ]);
          for (const step of steps) {
            if (step.kind !== 'ask') {
              await apply(companyId, clients, step);
              continue;
            }
            await askAll(companyId, step.limit, step.fold);
            if (changeBase && step.limit === 3) {
              await ds.query(
                `UPDATE companies SET base_currency = CASE base_currency WHEN 'RUB' THEN 'USD' ELSE 'RUB' END WHERE id = $1`,
                [companyId],
              );
            }
          }
          // Nothing changed between these two: the second asks are all served from kept answers.
          await askAll(companyId, 10);
          const before = hits.kept;
          await askAll(companyId, 10);
          expect(hits.kept - before).toBe(periods.length * 2);
          await ds.query(`DELETE FROM companies WHERE id = $1`, [companyId]);
        },
      ),
      { numRuns: Number(process.env['ANALYTICS_PROPERTY_RUNS'] ?? 30) },
    );
  }, 900_000);

  /** A company with sales of two clients folded, and what computing its top clients of days 0–10 saw. */
  async function keptAnswerFixture() {
    const answers = new TopClientsAnswers(ds);
    const { companyId, clients } = await newCompany('UTC', 'RUB', 3, []);
    const sell = async (client: number, dayNumber: number, amt: string) => {
      await ds.query(
        `INSERT INTO sales (company_id, client_id, amount, currency, sold_at, status) VALUES ($1, $2, $3, 'RUB', $4, 'paid')`,
        [companyId, clients[client], amt, `${day(dayNumber)}T12:00:00Z`],
      );
      await ds.query(`SELECT analytics_fold_company($1, 1000000)`, [companyId]);
    };
    const kept = async () =>
      (await ds.query(`SELECT clients FROM analytics_top_clients WHERE company_id = $1`, [companyId])) as unknown[];
    await sell(0, 5, '100');
    await sell(1, 6, '50');
    const period = { from: day(0), to: day(10) };
    const ctx = await loadContext(sql, { companyId }, 'RUB');
    const compute = async () => {
      const found = await answers.find(sql, ctx, period, 2);
      if (found.kind !== 'missing') throw new Error('expected no kept answer');
      return { stamp: found.stamp, top: await new RollupSource().topClients(sql, ctx, period, 2) };
    };
    return { answers, companyId, clients, sell, kept, period, ctx, compute };
  }

  it('keep a computed top-clients answer only if no fold changed its period meanwhile', async () => {
    const { answers, companyId, clients, sell, kept, period, ctx, compute } = await keptAnswerFixture();

    // Computed, then a sale in the period is folded before the answer is kept: not kept.
    const stale = await compute();
    await sell(1, 7, '500');
    await answers.keep(ctx.company.scope, ctx, period, 2, stale.stamp, stale.top);
    expect(await kept()).toEqual([]);

    const current = await compute();
    await answers.keep(ctx.company.scope, ctx, period, 2, current.stamp, current.top);
    expect(await kept()).toHaveLength(1);
    expect(current.top.map((c) => [c.clientId, c.revenue])).toEqual([
      [clients[1], '550.0000'],
      [clients[0], '100.0000'],
    ]);
    expect(await answers.find(sql, ctx, period, 1)).toEqual({ kind: 'kept', clients: current.top.slice(0, 1) });
    // A deeper list than was kept is computed.
    expect((await answers.find(sql, ctx, period, 3)).kind).toBe('missing');

    // A fold outside the period leaves it; one inside retires it.
    await sell(2, 11, '1000');
    expect(await kept()).toHaveLength(1);
    await sell(2, 10, '1');
    expect(await kept()).toEqual([]);
    await ds.query(`DELETE FROM companies WHERE id = $1`, [companyId]);
  });

  it('retire a kept top-clients answer when a paid return of its period is folded', async () => {
    const { answers, companyId, clients, kept, period, ctx, compute } = await keptAnswerFixture();
    const current = await compute();
    await answers.keep(ctx.company.scope, ctx, period, 2, current.stamp, current.top);
    expect(await kept()).toHaveLength(1);
    const giveBack = async (status: string, dayNumber: number) => {
      await ds.query(
        `INSERT INTO sales (company_id, client_id, amount, currency, sold_at, status, kind, return_of)
         SELECT $1, $2, '80', 'RUB', $3, $4, 'return', id FROM sales WHERE company_id = $1 AND client_id = $2 AND kind = 'sale'`,
        [companyId, clients[0], `${day(dayNumber)}T12:00:00Z`, status],
      );
      await ds.query(`SELECT analytics_fold_company($1, 1000000)`, [companyId]);
    };
    // A pending return moves no revenue; a paid one after the period leaves it; one inside retires it.
    await giveBack('pending', 8);
    await giveBack('paid', 12);
    expect(await kept()).toHaveLength(1);
    await giveBack('paid', 9);
    expect(await kept()).toEqual([]);
    const again = await compute();
    expect(again.top.map((c) => [c.clientId, c.revenue])).toEqual([
      [clients[1], '50.0000'],
      [clients[0], '20.0000'],
    ]);
    await ds.query(`DELETE FROM companies WHERE id = $1`, [companyId]);
  });

  // PGlite runs one session: a transaction held open on one connection would block the other's.
  const onServer = process.env['TEST_DATABASE_URL'] ? it : it.skip;
  onServer('keep no top-clients answer while a fold of the company runs', async () => {
    const { answers, companyId, kept, period, ctx, compute } = await keptAnswerFixture();
    const current = await compute();
    const holder = new DataSource({ type: 'postgres', url: process.env['E2E_DATABASE_URL'], extra: { max: 1 } });
    await holder.initialize();
    try {
      await holder.transaction(async (folding) => {
        await folding.query(`SELECT pg_advisory_xact_lock(hashtextextended('crm.analytics-fold:' || $1::text, 0))`, [
          companyId,
        ]);
        await answers.keep(ctx.company.scope, ctx, period, 2, current.stamp, current.top);
      });
    } finally {
      await holder.destroy();
    }
    expect(await kept()).toEqual([]);
    // Once the fold has ended (it changed nothing), the same answer is kept.
    await answers.keep(ctx.company.scope, ctx, period, 2, current.stamp, current.top);
    expect(await kept()).toHaveLength(1);
    await ds.query(`DELETE FROM companies WHERE id = $1`, [companyId]);
  });

  it('answer exactly as plain aggregates after random writes, with pending changes applied and folded', async () => {
    const pendingSeen: number[] = [];
    const rollups = new RollupSource();
    const plain = new PlainSource();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.constantFrom('RUB', 'USD'),
        fc.array(opArb, { minLength: 1, maxLength: 25 }),
        fc.array(fc.tuple(fc.integer({ min: -5, max: 80 }), fc.integer({ min: 0, max: 60 })), {
          minLength: 2,
          maxLength: 3,
        }),
        async (zone, base, ops, periods) => {
          const { companyId, clients } = await newCompany(zone, base, CLIENTS, [
            ['USD', '2026-01-10', '90.5'],
            ['EUR', '2026-02-01', '99.75'],
          ]);
          for (const op of ops) await apply(companyId, clients, op);
          const compare = async (stage: string, context: (currency: string) => Promise<AnalyticsContext>) => {
            for (const [start, length] of periods) {
              const from = day(start);
              const to = day(start + length);
              for (const currency of ['RUB', 'USD', 'EUR', 'JPY']) {
                const [expected, actual] = await inSnapshot(async () => {
                  const ctx = await context(currency);
                  return [await answers(plain, ctx, from, to), await answers(rollups, ctx, from, to)];
                });
                expect({ stage, from, to, currency, ...(actual as object) }).toEqual({
                  stage,
                  from,
                  to,
                  currency,
                  ...(expected as object),
                });
              }
            }
          };
          // What a read does without waiting for a fold: the rollups as folded so far (partly, by
          // the random folds above) plus the changes still logged, applied on the fly.
          const pending = await ds.query(
            `SELECT count(*)::int AS n FROM analytics_pending_changes WHERE company_id = $1`,
            [companyId],
          );
          pendingSeen.push((pending as { n: number }[])[0].n);
          await compare('pending applied', async (currency) =>
            loadPending(sql, await loadContext(sql, { companyId }, currency)),
          );
          // The same when more are pending than a read counts (its first paid days then come from all).
          await compare('pending applied, counted in part', async (currency) =>
            loadPending(sql, await loadContext(sql, { companyId }, currency), 1),
          );
          // Everything folded.
          await ds.query(`SELECT analytics_fold_company($1, 1000000)`, [companyId]);
          await compare('folded', (currency) => loadContext(sql, { companyId }, currency));

          const tables = [
            'analytics_sales_daily',
            'analytics_client_daily',
            'analytics_client_returns',
            'analytics_client_totals',
            'analytics_buyer_grid',
            'analytics_buyer_prev',
            'analytics_buyer_firsts',
            'analytics_buyer_grid_months',
          ];
          const snapshot = async () =>
            Promise.all(
              tables.map((t) => ds.query(`SELECT r::text FROM ${t} r WHERE company_id = $1 ORDER BY 1`, [companyId])),
            );
          const maintained = await snapshot();
          await ds.query(`SELECT analytics_rebuild_company($1)`, [companyId]);
          expect(maintained).toEqual(await snapshot());
          await ds.query(`DELETE FROM companies WHERE id = $1`, [companyId]);
        },
      ),
      {
        numRuns: Number(process.env['ANALYTICS_PROPERTY_RUNS'] ?? 30),
        // Replays a failure: ANALYTICS_PROPERTY_SEED and ANALYTICS_PROPERTY_PATH as it printed them.
        ...(process.env['ANALYTICS_PROPERTY_SEED']
          ? { seed: Number(process.env['ANALYTICS_PROPERTY_SEED']), path: process.env['ANALYTICS_PROPERTY_PATH'] }
          : {}),
        // A run takes seconds; one stalled for the whole 15 minutes once on the embedded database
        // (2026-12-03, not reproduced): fail that run with its seed and path instead of the test's
        // timeout, so it can be replayed (`seed`, `path`), without shrinking a stall.
        timeout: 120_000,
        endOnFailure: true,
      },
    );
    const leftovers = await ds.query(
      `SELECT count(*)::int AS n FROM analytics_sales_daily a WHERE NOT EXISTS (SELECT 1 FROM companies c WHERE c.id = a.company_id)`,
    );
    expect(leftovers).toEqual([{ n: 0 }]);
    // The on-the-fly path was exercised: a good share of the runs (about half; fast-check starts with
    // short op lists, and a time-zone change rebuilds) left changes unfolded before the first compare.
    expect(pendingSeen.filter((n) => n > 0).length).toBeGreaterThanOrEqual(Math.ceil(pendingSeen.length / 4));
  }, 900_000);
});

/** Decimal text without trailing fractional zeros. */
function trim(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/0+$/, '').replace(/\.$/, '') : decimal;
}
