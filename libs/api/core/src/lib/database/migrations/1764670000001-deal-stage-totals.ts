import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantSecurity, enableTenantSecurity } from './tenant-security';

/**
 * Each stage's deals and money per currency, kept at write time (issue 13, `bench/deals-board`): the
 * board's column headers (`GET /pipelines`: `dealCount`, `totals`) summed every deal of the company on
 * each request — 350 ms at 1,000,000 deals, most of them won or lost long ago. Now one row per stage
 * and currency, read by primary key.
 *
 * Kept by statement-level triggers on `deals` with transition tables: a statement's changes are
 * summed per (stage, currency) first, so a batch of 1,000 deals updates a few rows once, in key order
 * (no deadlock between two statements of this kind). Rows of a stage that no longer exists (a
 * company or pipeline deleted in the same statement) are skipped. Rows whose count fell to 0 stay
 * (readers skip them). `crm_deal_stage_totals_rebuild(company)` recomputes a company's rows (the
 * backfill here; bulk loads that bypass triggers, like `bench/deals`).
 */
const APPLY = (rows: string) => `
  INSERT INTO deal_stage_totals AS t (company_id, stage_id, currency, deals, amount)
  SELECT x.company_id, x.stage_id, x.currency, sum(x.n)::int, sum(x.amount)
    FROM (${rows}) x
   WHERE EXISTS (SELECT 1 FROM pipeline_stages s WHERE s.company_id = x.company_id AND s.id = x.stage_id)
   GROUP BY x.company_id, x.stage_id, x.currency
  HAVING sum(x.n) <> 0 OR sum(x.amount) <> 0
   ORDER BY x.company_id, x.stage_id, x.currency
  ON CONFLICT (company_id, stage_id, currency)
  DO UPDATE SET deals = t.deals + EXCLUDED.deals, amount = t.amount + EXCLUDED.amount`;

const ADDED = `SELECT company_id, stage_id, currency, 1 AS n, amount FROM new_rows`;
const REMOVED = `SELECT company_id, stage_id, currency, -1 AS n, -amount AS amount FROM old_rows`;

export class DealStageTotals1764670000001 implements MigrationInterface {
  name = 'DealStageTotals1764670000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deal_stage_totals (
        company_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        currency char(3) NOT NULL,
        deals int NOT NULL,
        amount numeric NOT NULL,
        PRIMARY KEY (company_id, stage_id, currency),
        FOREIGN KEY (company_id, stage_id) REFERENCES pipeline_stages (company_id, id) ON DELETE CASCADE
      )`);
    await enableTenantSecurity(q, 'deal_stage_totals');
    await q.query(`
      CREATE FUNCTION crm_deal_stage_totals_rebuild(company uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM deal_stage_totals WHERE company_id = company;
        INSERT INTO deal_stage_totals (company_id, stage_id, currency, deals, amount)
        SELECT company_id, stage_id, currency, count(*)::int, sum(amount)
          FROM deals WHERE company_id = company GROUP BY company_id, stage_id, currency;
      END $$`);
    await q.query(`
      CREATE FUNCTION crm_deals_stage_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${APPLY(ADDED)};
        ELSIF TG_OP = 'DELETE' THEN
          ${APPLY(REMOVED)};
        ELSE
          ${APPLY(`${ADDED} UNION ALL ${REMOVED}`)};
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER deals_stage_totals_insert AFTER INSERT ON deals REFERENCING NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION crm_deals_stage_totals()`,
    );
    await q.query(
      `CREATE TRIGGER deals_stage_totals_update AFTER UPDATE ON deals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION crm_deals_stage_totals()`,
    );
    await q.query(
      `CREATE TRIGGER deals_stage_totals_delete AFTER DELETE ON deals REFERENCING OLD TABLE AS old_rows
         FOR EACH STATEMENT EXECUTE FUNCTION crm_deals_stage_totals()`,
    );
    await q.query(`SELECT crm_deal_stage_totals_rebuild(id) FROM companies`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER deals_stage_totals_${op} ON deals`);
    await q.query(`DROP FUNCTION crm_deals_stage_totals()`);
    await q.query(`DROP FUNCTION crm_deal_stage_totals_rebuild(uuid)`);
    await disableTenantSecurity(q, 'deal_stage_totals');
    await q.query(`DROP TABLE deal_stage_totals`);
  }
}
