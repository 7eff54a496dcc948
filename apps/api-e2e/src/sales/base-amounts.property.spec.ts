import fc from 'fast-check';
import { DataSource } from 'typeorm';

/*
 * The stored base-currency amount of every sale (`sale_base_amounts`, sorted by in the sales list
 * and export) is kept by triggers. After random sequences of sale inserts, upserts, updates of
 * amount, currency and date, deletes, rates added, replaced, moved and removed, and changes of the
 * company's base currency and time zone, every stored value equals a fresh computation done here,
 * independently of SQL: exact decimal arithmetic (BigInt) with the rate in force on the sale's day
 * in the company's time zone (Intl), NULL where no rate is in force.
 */

const CURRENCIES = ['RUB', 'USD', 'EUR', 'JPY'] as const;
const ZONES = ['UTC', 'Asia/Vladivostok', 'America/New_York', 'Asia/Kolkata', 'Europe/Moscow'] as const;
const TIMES = ['00:00:00Z', '23:59:59Z', '13:59:59Z', '14:00:00Z', '04:30:00Z', '18:29:59Z'];

const saleArb = fc.record({
  externalId: fc.integer({ min: 1, max: 30 }).map((n) => `E${n}`),
  day: fc.integer({ min: 0, max: 60 }),
  time: fc.constantFrom(...TIMES),
  currency: fc.constantFrom(...CURRENCIES),
  cents: fc.integer({ min: 0, max: 2_000_000_000 }),
});

const opArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('upsert' as const), sales: fc.array(saleArb, { maxLength: 8 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      pick: fc.integer({ min: 1, max: 4 }),
      set: fc.record(
        {
          cents: fc.integer({ min: 0, max: 2_000_000 }),
          shiftHours: fc.integer({ min: -40, max: 40 }),
          currency: fc.constantFrom(...CURRENCIES),
          status: fc.constantFrom('paid', 'cancelled'),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.integer({ min: 1, max: 3 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('rates' as const),
      rates: fc.array(
        fc.record({
          currency: fc.constantFrom('USD', 'EUR', 'JPY', 'RUB'),
          day: fc.integer({ min: -3, max: 63 }),
          rate: fc.integer({ min: 1, max: 10_000_000_000 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('moveRate' as const), days: fc.integer({ min: -20, max: 20 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteRate' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('timeZone' as const), zone: fc.constantFrom(...ZONES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('base' as const), currency: fc.constantFrom(...CURRENCIES) }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);

/** A decimal text as an integer of 10^-scale units. */
function scaled(decimal: string, scale: number): bigint {
  const [integer, fraction = ''] = decimal.split('.');
  return BigInt(integer + fraction.padEnd(scale, '0').slice(0, scale));
}

/** `units` × 10^-scale as decimal text without trailing fractional zeros. */
function decimalText(units: bigint, scale: number): string {
  const digits = units.toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

const localDay = (at: Date, zone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

describe('stored base-currency amounts of sales', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource({ type: 'postgres', url: process.env['E2E_DATABASE_URL'], extra: { max: 1 } });
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  async function apply(companyId: string, clientId: string, op: Op): Promise<void> {
    switch (op.kind) {
      case 'upsert': {
        const rows = [...new Map(op.sales.map((s) => [s.externalId, s])).values()];
        if (rows.length === 0) return;
        await ds.query(
          `INSERT INTO sales (company_id, client_id, external_id, amount, currency, sold_at)
           SELECT $1, $2, x.external_id, x.amount, x.currency, x.sold_at
           FROM jsonb_to_recordset($3::jsonb) AS x(external_id text, amount numeric, currency text, sold_at timestamptz)
           ON CONFLICT (company_id, external_id) DO UPDATE
             SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, sold_at = EXCLUDED.sold_at`,
          [
            companyId,
            clientId,
            JSON.stringify(
              rows.map((s) => ({
                external_id: s.externalId,
                amount: (s.cents / 10_000).toFixed(4),
                currency: s.currency,
                sold_at: `${day(s.day)}T${s.time}`,
              })),
            ),
          ],
        );
        return;
      }
      case 'update': {
        const params: unknown[] = [companyId, op.pick];
        const add = (v: unknown) => `$${params.push(v)}`;
        const sets: string[] = [];
        if (op.set.cents !== undefined) sets.push(`amount = ${add((op.set.cents / 100).toFixed(2))}`);
        if (op.set.shiftHours !== undefined)
          sets.push(`sold_at = sold_at + ${add(op.set.shiftHours)} * interval '1 hour'`);
        if (op.set.currency) sets.push(`currency = ${add(op.set.currency)}`);
        sets.push(`status = ${op.set.status ? add(op.set.status) : 'status'}`);
        await ds.query(
          `UPDATE sales SET ${sets.join(', ')} WHERE id IN (SELECT id FROM sales WHERE company_id = $1 ORDER BY id LIMIT $2)`,
          params,
        );
        return;
      }
      case 'delete':
        await ds.query(
          `DELETE FROM sales WHERE id IN (SELECT id FROM sales WHERE company_id = $1 ORDER BY id DESC LIMIT $2)`,
          [companyId, op.pick],
        );
        return;
      case 'rates': {
        // As ExchangeRatesService.put writes them: one statement, replacing by (currency, validFrom).
        const rates = [...new Map(op.rates.map((r) => [`${r.currency}${r.day}`, r])).values()];
        await ds.query(
          `INSERT INTO exchange_rates (company_id, currency, valid_from, rate)
           SELECT $1::uuid, * FROM unnest($2::text[], $3::date[], $4::numeric[]) ORDER BY 1, 2, 3
           ON CONFLICT (company_id, currency, valid_from) DO UPDATE SET rate = EXCLUDED.rate
            WHERE exchange_rates.rate IS DISTINCT FROM EXCLUDED.rate`,
          [
            companyId,
            rates.map((r) => r.currency),
            rates.map((r) => day(r.day)),
            rates.map((r) => (r.rate / 10_000_000).toFixed(7)),
          ],
        );
        return;
      }
      case 'moveRate':
        await ds.query(
          `UPDATE exchange_rates SET valid_from = valid_from + $2::int
           WHERE (company_id, currency, valid_from) = (
             SELECT company_id, currency, valid_from FROM exchange_rates WHERE company_id = $1 ORDER BY valid_from DESC LIMIT 1)
             AND NOT EXISTS (SELECT 1 FROM exchange_rates e WHERE e.company_id = $1 AND e.currency = exchange_rates.currency
               AND e.valid_from = exchange_rates.valid_from + $2::int)`,
          [companyId, op.days],
        );
        return;
      case 'deleteRate':
        await ds.query(
          `DELETE FROM exchange_rates WHERE (company_id, currency, valid_from) IN (
             SELECT company_id, currency, valid_from FROM exchange_rates WHERE company_id = $1
             ORDER BY currency, valid_from OFFSET $2::int % greatest(1, (SELECT count(*) FROM exchange_rates WHERE company_id = $1)::int) LIMIT 1)`,
          [companyId, op.pick],
        );
        return;
      case 'timeZone':
        await ds.query(`UPDATE companies SET time_zone = $2 WHERE id = $1`, [companyId, op.zone]);
        return;
      case 'base':
        await ds.query(`UPDATE companies SET base_currency = $2 WHERE id = $1`, [companyId, op.currency]);
        return;
    }
  }

  /** The base amount of every sale of the company, computed here from the rows as they are now. */
  async function expected(companyId: string): Promise<Record<string, string | null>> {
    const [company] = (await ds.query(`SELECT base_currency AS base, time_zone AS zone FROM companies WHERE id = $1`, [
      companyId,
    ])) as { base: string; zone: string }[];
    const rates = (await ds.query(
      `SELECT currency, valid_from::text AS "validFrom", rate::text AS rate FROM exchange_rates WHERE company_id = $1`,
      [companyId],
    )) as { currency: string; validFrom: string; rate: string }[];
    const sales = (await ds.query(
      `SELECT id, amount::text AS amount, currency, sold_at AS "soldAt" FROM sales WHERE company_id = $1`,
      [companyId],
    )) as { id: string; amount: string; currency: string; soldAt: Date }[];
    const result: Record<string, string | null> = {};
    for (const s of sales) {
      if (s.currency === company.base) {
        result[s.id] = decimalText(scaled(s.amount, 4), 4);
        continue;
      }
      const on = localDay(s.soldAt, company.zone);
      const inForce = rates
        .filter((r) => r.currency === s.currency && r.validFrom <= on)
        .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
      result[s.id] = inForce ? decimalText(scaled(s.amount, 4) * scaled(inForce.rate, 10), 14) : null;
    }
    return result;
  }

  async function stored(companyId: string): Promise<Record<string, string | null>> {
    const rows = (await ds.query(
      `SELECT sale_id AS id, base_amount::text AS value FROM sale_base_amounts WHERE company_id = $1`,
      [companyId],
    )) as { id: string; value: string | null }[];
    return Object.fromEntries(rows.map((r) => [r.id, r.value === null ? null : decimalText(scaled(r.value, 14), 14)]));
  }

  it('equal a fresh computation after any sequence of writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.constantFrom('RUB', 'USD'),
        fc.array(opArb, { minLength: 1, maxLength: 20 }),
        async (zone, base, ops) => {
          const [{ id: companyId }] = (await ds.query(
            `INSERT INTO companies (name, time_zone, base_currency) VALUES ('base amounts', $1, $2) RETURNING id`,
            [zone, base],
          )) as { id: string }[];
          const [{ id: clientId }] = (await ds.query(`INSERT INTO clients (company_id) VALUES ($1) RETURNING id`, [
            companyId,
          ])) as { id: string }[];
          await ds.query(
            `INSERT INTO exchange_rates (company_id, currency, valid_from, rate)
             VALUES ($1, 'USD', '2026-01-10', 90.5), ($1, 'EUR', '2026-02-01', 99.75)`,
            [companyId],
          );
          for (const op of ops) {
            await apply(companyId, clientId, op);
            expect({ op, stored: await stored(companyId) }).toEqual({ op, stored: await expected(companyId) });
          }
          await ds.query(`DELETE FROM companies WHERE id = $1`, [companyId]);
        },
      ),
      { numRuns: Number(process.env['BASE_AMOUNT_PROPERTY_RUNS'] ?? 40) },
    );
    const leftovers = await ds.query(
      `SELECT count(*)::int AS n FROM sale_base_amounts b WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = b.sale_id)`,
    );
    expect(leftovers).toEqual([{ n: 0 }]);
  }, 900_000);
});
