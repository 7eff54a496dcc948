import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantSecurity, enableTenantSecurity } from './tenant-security';

/**
 * The funnel's summary, kept at write time (issue 13; `bench/deals/README.md`, findings 2 and 3):
 * `analytics/funnel` reads one row per cohort deal and the cohort's finished stays by a range scan
 * of the period instead of re-deriving every stay from `deal_stage_changes`.
 *
 * An *entry* is a creation row of `deal_stage_changes` (`from_stage_id IS NULL`: a new deal, or a
 * deal moved into another pipeline). What the funnel counts for an entry are the deal's changes in
 * that pipeline from the entry on, each a stay that ends at the next of them.
 *
 * - `deal_funnel_entries`: one row per entry — pipeline, `entered_at`, `prev_entry_at` (the deal's
 *   previous entry into the same pipeline, NULL for the first: the funnel's cohort takes a deal's
 *   first entry in the period), the distinct stages visited (positions are read at query time, so
 *   reordering stages needs no rewrite), the final stage and when it was entered, and the deal's
 *   amount and currency (for the won value).
 * - `deal_funnel_stays`: the finished stays of each entry with their length in seconds, keyed by the
 *   entry's time: the exact per-stage medians read only the stays of the period's cohort.
 *
 * Both are rewritten for a deal by `crm_deal_funnel_refresh` from an AFTER trigger on every insert,
 * update and delete of `deal_stage_changes` (web moves, the integration batch, stage deletes with
 * `moveTo`, deal deletes through the cascade); `deals_funnel_amount` follows amount and currency
 * changes. `crm_deal_funnel_rebuild(company)` rewrites a company's rows (the backfill here; bulk
 * loads that bypass triggers, like `bench/deals`).
 */
const VISITS = (filter: string) => `
  WITH entries AS (
    SELECT e.company_id, e.id, e.deal_id, e.pipeline_id, e.at,
           lag(e.at) OVER (PARTITION BY e.company_id, e.deal_id, e.pipeline_id ORDER BY e.at, e.id) AS prev_entry_at
      FROM deal_stage_changes e
     WHERE e.from_stage_id IS NULL AND ${filter}
  )
  SELECT e.company_id, e.id AS entry_id, e.deal_id, e.pipeline_id, e.at AS entry_at, e.prev_entry_at,
         c.id AS change_id, c.to_stage_id AS stage_id, c.at,
         lead(c.at) OVER (PARTITION BY e.id ORDER BY c.at, c.id) AS left_at
    FROM entries e
    JOIN deal_stage_changes c ON c.company_id = e.company_id AND c.deal_id = e.deal_id
                             AND c.pipeline_id = e.pipeline_id AND c.at >= e.at`;

// Two statements over the same visits (a CTE cannot feed two INSERTs, and a temporary table would
// need the tenant role to create one); for one deal each reads a handful of index entries.
const WRITE = (filter: string) => `
    INSERT INTO deal_funnel_entries (company_id, entry_id, deal_id, pipeline_id, entered_at, prev_entry_at, visited,
                                     final_stage_id, final_at, amount, currency)
    SELECT v.company_id, v.entry_id, v.deal_id, v.pipeline_id, v.entry_at, v.prev_entry_at,
           array_agg(DISTINCT v.stage_id),
           (array_agg(v.stage_id ORDER BY v.at DESC, v.change_id DESC))[1], max(v.at), d.amount, d.currency
      FROM (${VISITS(filter)}) v
      JOIN deals d ON d.company_id = v.company_id AND d.id = v.deal_id
     GROUP BY v.company_id, v.entry_id, v.deal_id, v.pipeline_id, v.entry_at, v.prev_entry_at, d.amount, d.currency;
    INSERT INTO deal_funnel_stays (company_id, entry_id, change_id, deal_id, pipeline_id, entry_at, prev_entry_at,
                                   stage_id, seconds)
    SELECT v.company_id, v.entry_id, v.change_id, v.deal_id, v.pipeline_id, v.entry_at, v.prev_entry_at, v.stage_id,
           extract(epoch FROM v.left_at - v.at)::double precision
      FROM (${VISITS(filter)}) v
     WHERE v.left_at IS NOT NULL;`;

export class DealFunnelSummary1764610000001 implements MigrationInterface {
  name = 'DealFunnelSummary1764610000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deal_funnel_entries (
        company_id uuid NOT NULL,
        entry_id uuid NOT NULL,
        deal_id uuid NOT NULL,
        pipeline_id uuid NOT NULL,
        entered_at timestamptz NOT NULL,
        prev_entry_at timestamptz,
        visited uuid[] NOT NULL,
        final_stage_id uuid NOT NULL,
        final_at timestamptz NOT NULL,
        amount numeric(19, 4) NOT NULL,
        currency char(3) NOT NULL,
        PRIMARY KEY (company_id, entry_id)
      )`);
    await q.query(`CREATE INDEX deal_funnel_entries_deal_idx ON deal_funnel_entries (company_id, deal_id)`);
    await q.query(
      `CREATE INDEX deal_funnel_entries_cohort_idx ON deal_funnel_entries (company_id, pipeline_id, entered_at)
         INCLUDE (prev_entry_at, deal_id, visited, final_stage_id, final_at, amount, currency)`,
    );
    await q.query(`
      CREATE TABLE deal_funnel_stays (
        company_id uuid NOT NULL,
        entry_id uuid NOT NULL,
        change_id uuid NOT NULL,
        deal_id uuid NOT NULL,
        pipeline_id uuid NOT NULL,
        entry_at timestamptz NOT NULL,
        prev_entry_at timestamptz,
        stage_id uuid NOT NULL,
        seconds double precision NOT NULL,
        PRIMARY KEY (company_id, entry_id, change_id)
      )`);
    await q.query(`CREATE INDEX deal_funnel_stays_deal_idx ON deal_funnel_stays (company_id, deal_id)`);
    await q.query(
      `CREATE INDEX deal_funnel_stays_cohort_idx ON deal_funnel_stays (company_id, pipeline_id, entry_at)
         INCLUDE (prev_entry_at, stage_id, seconds)`,
    );
    for (const table of ['deal_funnel_entries', 'deal_funnel_stays']) await enableTenantSecurity(q, table);

    await q.query(`
      CREATE FUNCTION crm_deal_funnel_refresh(company uuid, deal uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM deal_funnel_stays WHERE company_id = company AND deal_id = deal;
        DELETE FROM deal_funnel_entries WHERE company_id = company AND deal_id = deal;
        ${WRITE('e.company_id = company AND e.deal_id = deal')}
      END $$`);
    await q.query(`
      CREATE FUNCTION crm_deal_funnel_rebuild(company uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM deal_funnel_stays WHERE company_id = company;
        DELETE FROM deal_funnel_entries WHERE company_id = company;
        ${WRITE('e.company_id = company')}
      END $$`);
    await q.query(`
      CREATE FUNCTION crm_deal_stage_changes_funnel() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          PERFORM crm_deal_funnel_refresh(OLD.company_id, OLD.deal_id);
        END IF;
        IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR (NEW.company_id, NEW.deal_id) IS DISTINCT FROM (OLD.company_id, OLD.deal_id)) THEN
          PERFORM crm_deal_funnel_refresh(NEW.company_id, NEW.deal_id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER deal_stage_changes_funnel AFTER INSERT OR UPDATE OR DELETE ON deal_stage_changes
         FOR EACH ROW EXECUTE FUNCTION crm_deal_stage_changes_funnel()`,
    );
    await q.query(`
      CREATE FUNCTION crm_deals_funnel_amount() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE deal_funnel_entries SET amount = NEW.amount, currency = NEW.currency
         WHERE company_id = NEW.company_id AND deal_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER deals_funnel_amount AFTER UPDATE OF amount, currency ON deals FOR EACH ROW
         WHEN ((NEW.amount, NEW.currency) IS DISTINCT FROM (OLD.amount, OLD.currency))
         EXECUTE FUNCTION crm_deals_funnel_amount()`,
    );
    await q.query(`SELECT crm_deal_funnel_rebuild(id) FROM companies`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER deals_funnel_amount ON deals`);
    await q.query(`DROP TRIGGER deal_stage_changes_funnel ON deal_stage_changes`);
    await q.query(`DROP FUNCTION crm_deals_funnel_amount()`);
    await q.query(`DROP FUNCTION crm_deal_stage_changes_funnel()`);
    await q.query(`DROP FUNCTION crm_deal_funnel_rebuild(uuid)`);
    await q.query(`DROP FUNCTION crm_deal_funnel_refresh(uuid, uuid)`);
    for (const table of ['deal_funnel_stays', 'deal_funnel_entries']) {
      await disableTenantSecurity(q, table);
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
