import { MigrationInterface, QueryRunner } from 'typeorm';

/** `analytics_rebuild_company` as migration 1764000000003 left it, with `deferred` at its start. */
const rebuildCompany = (deferred: string) => `
      CREATE OR REPLACE FUNCTION analytics_rebuild_company(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        tz text;
      BEGIN
        ${deferred}SELECT time_zone INTO tz FROM companies WHERE id = target;
        DELETE FROM analytics_sales_daily WHERE company_id = target;
        DELETE FROM analytics_client_daily WHERE company_id = target;
        DELETE FROM analytics_buyer_grid WHERE company_id = target;
        DELETE FROM analytics_buyer_prev WHERE company_id = target;
        DELETE FROM analytics_buyer_firsts WHERE company_id = target;
        DELETE FROM analytics_buyer_grid_months WHERE company_id = target;
        IF tz IS NULL THEN
          RETURN;
        END IF;
        INSERT INTO analytics_sales_daily (company_id, day, currency, status, sales, amount)
        SELECT company_id, (sold_at AT TIME ZONE tz)::date, currency, status, count(*), sum(amount)
        FROM sales WHERE company_id = target GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
        INSERT INTO analytics_client_daily (company_id, client_id, day, currency, sales, amount)
        SELECT company_id, client_id, (sold_at AT TIME ZONE tz)::date, currency, count(*), sum(amount)
        FROM sales WHERE company_id = target AND status = 'paid' GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 2, 4;
        INSERT INTO analytics_buyer_grid (company_id, day, prev_day, n1, n2)
        SELECT target, x.day, cell.prev_day, sum(cell.n1), sum(cell.n2)
        FROM (
          SELECT d.day, d.n, lag(d.day) OVER w AS pd1, lag(d.n) OVER w AS npd1, lag(d.day, 2) OVER w AS pd2
          FROM (SELECT client_id, day, sum(sales) AS n FROM analytics_client_daily WHERE company_id = target GROUP BY 1, 2) d
          WINDOW w AS (PARTITION BY d.client_id ORDER BY d.day)
        ) x
        CROSS JOIN LATERAL (VALUES
          (coalesce(x.pd1, '-infinity'::date), 1::bigint, 0::bigint),
          (CASE WHEN x.npd1 >= 2 THEN x.pd1 ELSE coalesce(x.pd2, '-infinity'::date) END, 0, 1),
          (x.day, CASE WHEN x.n >= 2 THEN 1 ELSE 0 END, 0),
          (coalesce(x.pd1, '-infinity'::date), 0, CASE WHEN x.n >= 2 THEN 1 ELSE 0 END),
          (x.day, greatest(x.n - 2, 0), greatest(x.n - 2, 0))
        ) AS cell (prev_day, n1, n2)
        WHERE cell.n1 <> 0 OR cell.n2 <> 0
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
        INSERT INTO analytics_buyer_prev (company_id, prev_day, n1, n2)
        SELECT company_id, prev_day, sum(n1), sum(n2) FROM analytics_buyer_grid WHERE company_id = target GROUP BY 1, 2;
        INSERT INTO analytics_buyer_firsts (company_id, day, buyers)
        SELECT company_id, day, n1 FROM analytics_buyer_grid WHERE company_id = target AND prev_day = '-infinity'::date AND n1 <> 0;
        INSERT INTO analytics_buyer_grid_months (company_id, day, prev_month, n1, n2)
        SELECT company_id, day, date_trunc('month', prev_day::timestamp)::date, sum(n1), sum(n2)
        FROM analytics_buyer_grid WHERE company_id = target GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
      END
      $$`;

const DEFERRED_REBUILD_START = `PERFORM pg_advisory_xact_lock(hashtextextended('crm.company-writes:' || target::text, 0));
        PERFORM pg_advisory_xact_lock(hashtextextended('crm.analytics-fold:' || target::text, 0));
        DELETE FROM analytics_pending_changes WHERE company_id = target;
`;

/**
 * Rollups folded after the write instead of inside it.
 *
 * Until now the statement-level triggers on `sales` applied every change to all rollups inside the
 * writing statement; for a 5,000-sale batch that was 60% of the statement (the buyer grid
 * recomputes each touched client's recent paid days). Now the triggers only append the signed
 * change rows (+1 new version, −1 old version) to `analytics_pending_changes` — one narrow insert —
 * and `analytics_fold_company` applies them to the rollups, in the order they were written, with
 * the same `analytics_apply_sale_changes` as before:
 *
 * - right after the ingest goes quiet, in the background (`RollupFolder` in @crm/api/analytics),
 * - and before every analytics read of the company, so answers stay exact: a read folds whatever is
 *   pending first, then reads the rollups in its snapshot.
 *
 * Folding is serialised per company by an advisory lock; each call claims up to `max_changes`
 * pending rows (oldest first) with one `DELETE … RETURNING` in its own transaction, so every change
 * is applied exactly once and a large backlog is folded in bounded steps. A rebuild (time-zone
 * change) takes the company's write lock, so no sale of the company is being written meanwhile,
 * discards the pending changes and recomputes the rollups from `sales`.
 */
export class AnalyticsDeferredRollups1764100000000 implements MigrationInterface {
  name = 'AnalyticsDeferredRollups1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // No foreign key: changes of a company being deleted are folded (to nothing) like any other.
    await q.query(`
      CREATE TABLE analytics_pending_changes (
        id bigint GENERATED ALWAYS AS IDENTITY,
        company_id uuid NOT NULL,
        client_id uuid NOT NULL,
        sold_at timestamptz NOT NULL,
        currency char(3) NOT NULL,
        status text NOT NULL,
        amount numeric NOT NULL,
        sign smallint NOT NULL
      )`);
    await q.query(`CREATE INDEX analytics_pending_changes_company_idx ON analytics_pending_changes (company_id, id)`);

    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_sales_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO analytics_pending_changes (company_id, client_id, sold_at, currency, status, amount, sign)
        SELECT n.company_id, n.client_id, n.sold_at, n.currency, n.status, n.amount, 1 FROM new_rows n;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_sales_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO analytics_pending_changes (company_id, client_id, sold_at, currency, status, amount, sign)
        SELECT o.company_id, o.client_id, o.sold_at, o.currency, o.status, o.amount, -1 FROM old_rows o;
        RETURN NULL;
      END
      $$`);
    // Updates that change none of the columns the rollups read (the usual upsert of an unchanged or
    // only re-described sale) append nothing. The −1 rows go first, so a sale's old version always
    // precedes its new one in the log.
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_sales_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO analytics_pending_changes (company_id, client_id, sold_at, currency, status, amount, sign)
        SELECT x.company_id, x.client_id, x.sold_at, x.currency, x.status, x.amount, x.sign FROM (
          SELECT o.company_id, o.client_id, o.sold_at, o.currency, o.status, o.amount, -1 AS sign, 0 AS part
          FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (o.company_id, o.client_id, o.sold_at, o.currency, o.status, o.amount)
                IS DISTINCT FROM (n.company_id, n.client_id, n.sold_at, n.currency, n.status, n.amount)
          UNION ALL
          SELECT n.company_id, n.client_id, n.sold_at, n.currency, n.status, n.amount, 1, 1
          FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (o.company_id, o.client_id, o.sold_at, o.currency, o.status, o.amount)
                IS DISTINCT FROM (n.company_id, n.client_id, n.sold_at, n.currency, n.status, n.amount)
        ) x ORDER BY x.part;
        RETURN NULL;
      END
      $$`);

    await q.query(`
      CREATE FUNCTION analytics_fold_company(target uuid, max_changes int) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        changes analytics_sale_change[];
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('crm.analytics-fold:' || target::text, 0));
        WITH claimed AS (
          DELETE FROM analytics_pending_changes p
          WHERE p.id IN (SELECT id FROM analytics_pending_changes WHERE company_id = target ORDER BY id LIMIT max_changes)
          RETURNING p.*
        )
        SELECT coalesce(array_agg(ROW(c.company_id, c.client_id, c.sold_at, c.currency, c.status, c.amount, c.sign)::analytics_sale_change ORDER BY c.id), '{}')
        INTO changes FROM claimed c;
        IF cardinality(changes) > 0 THEN
          PERFORM analytics_apply_sale_changes(changes);
        END IF;
        RETURN cardinality(changes);
      END
      $$`);

    // The rebuild of migration 1764000000003, now also under the company's write lock and the fold
    // lock, discarding the changes it recomputes.
    await q.query(rebuildCompany(DEFERRED_REBUILD_START));
  }

  async down(q: QueryRunner): Promise<void> {
    // Fold what is pending with the old triggers' semantics, then restore them.
    await q.query(
      `SELECT analytics_fold_company(id, 2147483647) FROM (SELECT DISTINCT company_id AS id FROM analytics_pending_changes) c`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_sales_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_apply_sale_changes(ARRAY(
          SELECT ROW(n.company_id, n.client_id, n.sold_at, n.currency, n.status, n.amount, 1)::analytics_sale_change FROM new_rows n));
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_sales_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_apply_sale_changes(ARRAY(
          SELECT ROW(o.company_id, o.client_id, o.sold_at, o.currency, o.status, o.amount, -1)::analytics_sale_change FROM old_rows o));
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_sales_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changes analytics_sale_change[];
      BEGIN
        SELECT coalesce(array_agg(ch), '{}') INTO changes FROM (
          SELECT ROW(o.company_id, o.client_id, o.sold_at, o.currency, o.status, o.amount, -1)::analytics_sale_change AS ch
          FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (o.company_id, o.client_id, o.sold_at, o.currency, o.status, o.amount)
                IS DISTINCT FROM (n.company_id, n.client_id, n.sold_at, n.currency, n.status, n.amount)
          UNION ALL
          SELECT ROW(n.company_id, n.client_id, n.sold_at, n.currency, n.status, n.amount, 1)::analytics_sale_change
          FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (o.company_id, o.client_id, o.sold_at, o.currency, o.status, o.amount)
                IS DISTINCT FROM (n.company_id, n.client_id, n.sold_at, n.currency, n.status, n.amount)
        ) x;
        IF cardinality(changes) > 0 THEN
          PERFORM analytics_apply_sale_changes(changes);
        END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(rebuildCompany(''));
    await q.query(`DROP FUNCTION analytics_fold_company(uuid, int)`);
    await q.query(`DROP TABLE analytics_pending_changes`);
  }
}
