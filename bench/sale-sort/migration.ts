/**
 * Checks migration SaleBaseAmounts1764470000000 both ways on a fresh database: `down` removes its
 * table, triggers and functions; `up` on a database that already has sales, rates and time zones
 * backfills every sale with exactly the value its triggers would keep; `down` and `up` again are
 * clean. Run like main.ts (see README.md) with `bench/sale-sort/migration.ts`.
 */
import { strict as assert } from 'node:assert';
import { createBenchDatabase } from '../analytics/database';

const adminUrl = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = process.env['BENCH_DB'] ?? 'crm_bench_sale_sort';

/** Every sale's base amount computed afresh, next to the stored one, where they differ. */
const MISMATCHES = `
  SELECT s.id, b.base_amount AS stored, x.value AS fresh
  FROM sales s JOIN companies co ON co.id = s.company_id
  LEFT JOIN sale_base_amounts b ON b.company_id = s.company_id AND b.sale_id = s.id
  CROSS JOIN LATERAL (SELECT CASE WHEN s.currency = co.base_currency THEN s.amount ELSE s.amount * (
    SELECT rate FROM exchange_rates e WHERE e.company_id = s.company_id AND e.currency = s.currency
      AND e.valid_from <= (s.sold_at AT TIME ZONE co.time_zone)::date ORDER BY e.valid_from DESC LIMIT 1) END AS value) x
  WHERE b.sale_id IS NULL OR b.base_amount IS DISTINCT FROM x.value`;

async function main(): Promise<void> {
  const { dataSource: ds } = await createBenchDatabase(adminUrl, dbName, 1);
  const exists = async () =>
    (await ds.query(`SELECT to_regclass('sale_base_amounts') IS NOT NULL AS t`))[0].t as boolean;
  assert.equal(await exists(), true);
  await ds.undoLastMigration();
  assert.equal(await exists(), false);
  const left = await ds.query(`SELECT proname FROM pg_proc WHERE proname LIKE 'sale_base_amounts%'`);
  assert.deepEqual(left, []);

  // Data written before the migration: two companies, rates, sales in and around rate periods.
  for (const [zone, base] of [
    ['Asia/Vladivostok', 'RUB'],
    ['America/New_York', 'USD'],
  ]) {
    const [{ id }] = await ds.query(
      `INSERT INTO companies (name, time_zone, base_currency) VALUES ('migration', $1, $2) RETURNING id`,
      [zone, base],
    );
    await ds.query(`INSERT INTO clients (company_id) VALUES ($1)`, [id]);
    await ds.query(
      `INSERT INTO exchange_rates (company_id, currency, valid_from, rate)
       VALUES ($1, 'USD', '2026-01-10', 90.5), ($1, 'RUB', '2026-01-01', 0.011), ($1, 'EUR', '2026-02-01', 99.75)`,
      [id],
    );
    await ds.query(
      `INSERT INTO sales (company_id, client_id, amount, currency, sold_at)
       SELECT $1, (SELECT id FROM clients WHERE company_id = $1), (g * 13.37)::numeric(19, 4),
              (ARRAY['RUB', 'USD', 'EUR', 'JPY'])[1 + g % 4], '2026-01-05'::timestamptz + g * interval '7 hours'
       FROM generate_series(1, 500) g`,
      [id],
    );
  }
  await ds.runMigrations();
  assert.equal(await exists(), true);
  assert.deepEqual(await ds.query(MISMATCHES), []);
  const [{ n, nulls }] = await ds.query(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE base_amount IS NULL)::int AS nulls FROM sale_base_amounts`,
  );
  assert.equal(n, 1000);
  assert.ok(nulls > 0 && nulls < n, `some sales without a rate in force (${nulls})`);

  // And the triggers are in place after the backfill.
  await ds.query(`UPDATE companies SET time_zone = 'UTC'`);
  await ds.query(`UPDATE exchange_rates SET rate = rate * 2 WHERE currency = 'USD'`);
  await ds.query(`DELETE FROM exchange_rates WHERE currency = 'EUR'`);
  assert.deepEqual(await ds.query(MISMATCHES), []);

  await ds.undoLastMigration();
  assert.equal(await exists(), false);
  await ds.runMigrations();
  assert.deepEqual(await ds.query(MISMATCHES), []);
  console.log(`migration down/up: ok (${n} sales backfilled, ${nulls} without a rate in force)`);
  await ds.destroy();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
