import { MigrationInterface, QueryRunner } from 'typeorm';

/** Points the statement-level triggers of `sales` at `${prefix}_inserted/_updated/_deleted()`. */
async function pointTriggersAt(q: QueryRunner, prefix: string): Promise<void> {
  for (const trigger of ['sales_analytics_insert', 'sales_analytics_update', 'sales_analytics_delete']) {
    await q.query(`DROP TRIGGER ${trigger} ON sales`);
  }
  await q.query(`
    CREATE TRIGGER sales_analytics_insert AFTER INSERT ON sales REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}_inserted()`);
  await q.query(`
    CREATE TRIGGER sales_analytics_update AFTER UPDATE ON sales REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}_updated()`);
  await q.query(`
    CREATE TRIGGER sales_analytics_delete AFTER DELETE ON sales REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}_deleted()`);
}

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
 *
 * The earlier functions stay as they were: the triggers are pointed at new logging functions, and
 * the rebuild is wrapped (the old one keeps its work as `analytics_rebuild_company_from_sales`), so
 * `down` only points back.
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
      CREATE FUNCTION analytics_log_sales_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO analytics_pending_changes (company_id, client_id, sold_at, currency, status, amount, sign)
        SELECT n.company_id, n.client_id, n.sold_at, n.currency, n.status, n.amount, 1 FROM new_rows n;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE FUNCTION analytics_log_sales_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
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
      CREATE FUNCTION analytics_log_sales_updated() RETURNS trigger LANGUAGE plpgsql AS $$
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

    await pointTriggersAt(q, 'analytics_log_sales');

    await q.query(`ALTER FUNCTION analytics_rebuild_company(uuid) RENAME TO analytics_rebuild_company_from_sales`);
    await q.query(`
      CREATE FUNCTION analytics_rebuild_company(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('crm.company-writes:' || target::text, 0));
        PERFORM pg_advisory_xact_lock(hashtextextended('crm.analytics-fold:' || target::text, 0));
        DELETE FROM analytics_pending_changes WHERE company_id = target;
        PERFORM analytics_rebuild_company_from_sales(target);
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Fold what is pending, then point the triggers back at the functions that apply changes directly.
    await q.query(
      `SELECT analytics_fold_company(id, 2147483647) FROM (SELECT DISTINCT company_id AS id FROM analytics_pending_changes) c`,
    );
    await q.query(`DROP FUNCTION analytics_rebuild_company(uuid)`);
    await q.query(`ALTER FUNCTION analytics_rebuild_company_from_sales(uuid) RENAME TO analytics_rebuild_company`);
    await pointTriggersAt(q, 'analytics_sales');
    await q.query(`DROP FUNCTION analytics_log_sales_inserted()`);
    await q.query(`DROP FUNCTION analytics_log_sales_deleted()`);
    await q.query(`DROP FUNCTION analytics_log_sales_updated()`);
    await q.query(`DROP FUNCTION analytics_fold_company(uuid, int)`);
    await q.query(`DROP TABLE analytics_pending_changes`);
  }
}
