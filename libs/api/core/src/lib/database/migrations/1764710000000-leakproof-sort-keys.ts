import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sort and filter keys that stay index conditions under the tenant policies (ADR 0001, "only
 * leakproof conditions reach an index").
 *
 * PostgreSQL keeps a policy's check ahead of every condition that calls a function not marked
 * `LEAKPROOF`, so such a condition on a column is a filter, never an index condition. `lower()` and
 * numeric comparisons are not leakproof: the clients' activity filter and the export's keyset pages
 * over `lower(name)`, `lower(email)` and the sales' base amount each read the company's index from
 * its start and filtered it — an export of a million sales by amount was quadratic (measured on
 * 900,000 rows: 2.8 s for a page deep in the list, 2.5 ms with the keys below).
 *
 * - `clients.name_key`, `email_key`, `activity_key`: `lower()` of the column, stored; the indexes
 *   that were on the expressions move to them. Text comparisons are leakproof.
 * - `sale_base_amounts.base_amount_order`: the base amount as `float8`, stored. The cast is
 *   monotone (x ≤ y ⇒ float8(x) ≤ float8(y)), so ordering by (base_amount_order, base_amount,
 *   sale_id) is ordering by (base_amount, sale_id), and a keyset page starts with the leakproof
 *   bound `base_amount_order >= float8(previous key)` before the exact comparison. The order index
 *   leads with it.
 */
export class LeakproofSortKeys1764710000000 implements MigrationInterface {
  name = 'LeakproofSortKeys1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE clients
        ADD COLUMN name_key text GENERATED ALWAYS AS (lower(name)) STORED,
        ADD COLUMN email_key text GENERATED ALWAYS AS (lower(email)) STORED,
        ADD COLUMN activity_key text GENERATED ALWAYS AS (lower(activity)) STORED`);
    await q.query(`DROP INDEX clients_company_name_idx`);
    await q.query(`DROP INDEX clients_company_email_idx`);
    await q.query(`DROP INDEX clients_company_activity_idx`);
    await q.query(`CREATE INDEX clients_company_name_idx ON clients (company_id, name_key, id)`);
    await q.query(`CREATE INDEX clients_company_email_idx ON clients (company_id, email_key, id)`);
    await q.query(`CREATE INDEX clients_company_activity_idx ON clients (company_id, activity_key)`);

    await q.query(`
      ALTER TABLE sale_base_amounts
        ADD COLUMN base_amount_order float8 GENERATED ALWAYS AS (base_amount::float8) STORED`);
    await q.query(`DROP INDEX sale_base_amounts_order_idx`);
    await q.query(`
      CREATE INDEX sale_base_amounts_order_idx
        ON sale_base_amounts (company_id, base_amount_order, base_amount, sale_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX sale_base_amounts_order_idx`);
    await q.query(`ALTER TABLE sale_base_amounts DROP COLUMN base_amount_order`);
    await q.query(`CREATE INDEX sale_base_amounts_order_idx ON sale_base_amounts (company_id, base_amount, sale_id)`);
    await q.query(`DROP INDEX clients_company_name_idx`);
    await q.query(`DROP INDEX clients_company_email_idx`);
    await q.query(`DROP INDEX clients_company_activity_idx`);
    await q.query(`ALTER TABLE clients DROP COLUMN name_key, DROP COLUMN email_key, DROP COLUMN activity_key`);
    await q.query(`CREATE INDEX clients_company_name_idx ON clients (company_id, lower(name), id)`);
    await q.query(`CREATE INDEX clients_company_email_idx ON clients (company_id, lower(email), id)`);
    await q.query(`CREATE INDEX clients_company_activity_idx ON clients (company_id, lower(activity))`);
  }
}
