import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantSecurity, enableTenantSecurity } from './tenant-security';

/**
 * Products by day (issue 9 §1: `analytics/products` read every sale of the period and probed its
 * items — 28,000 probes and 213–283 ms at p95 for 30 days of a 1,000,000-sale company).
 *
 * `analytics_product_daily` keeps, per local day, currency and product (`sku:<sku>` or
 * `name:<name>`), the signed quantity and amount of the items of the paid sales and paid returns
 * (returns take their items back on their own day), how many sales sold it, and the name the answer
 * shows (the item of the day's first sale by id). Unlike the other rollups it is not kept by deltas
 * — an item has no before-image once its sale is gone — but by recomputing days:
 *
 * - statement triggers on `sales` (a paid version written, changed or deleted) and on `sale_items`
 *   (items of a paid sale written, changed or deleted, which need not touch the sale's row) append
 *   the hour of the sale to `analytics_product_changes`, once per hour and statement;
 * - `analytics_fold_products` (run by the folder after the sales fold) turns the logged hours into
 *   the company's local days (both days an hour may straddle) in `analytics_product_dirty`, then
 *   recomputes at most `max_days` of them from `sales` and `sale_items` per call — short
 *   transactions however large the backlog;
 * - a read takes the folded cells of the clean days and computes the days that are logged or dirty
 *   in its snapshot from the sales themselves, so the answer is exact without waiting for a fold.
 *
 * A rebuild of the company's rollups (`analytics_rebuild_company`: a time-zone change, whose local
 * days move every cell, or a bulk load that skipped the triggers) marks every day with a paid sale
 * to be recomputed. The fold and the rebuild take the same advisory lock, so a fold never writes
 * days of a zone just replaced.
 */
export class AnalyticsProductDaily1764700000000 implements MigrationInterface {
  name = 'AnalyticsProductDaily1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics_product_daily (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        day date NOT NULL,
        currency char(3) NOT NULL,
        product text NOT NULL,
        sku text,
        name text NOT NULL,
        name_sale uuid NOT NULL,
        quantity numeric NOT NULL,
        amount numeric NOT NULL,
        sales int NOT NULL,
        PRIMARY KEY (company_id, day, currency, product)
      )`);
    await q.query(`
      CREATE TABLE analytics_product_dirty (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        day date NOT NULL,
        PRIMARY KEY (company_id, day)
      )`);
    // No foreign key: changes logged while a company is deleted are folded to nothing. A key with
    // the company first, like every tenant table (tenant-keys.spec: distributable by company).
    await q.query(`
      CREATE TABLE analytics_product_changes (
        company_id uuid NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        hour timestamptz NOT NULL,
        PRIMARY KEY (company_id, id)
      )`);
    await q.query(`CREATE INDEX analytics_product_changes_company_idx ON analytics_product_changes (company_id, hour)`);
    for (const table of ['analytics_product_daily', 'analytics_product_dirty', 'analytics_product_changes']) {
      await enableTenantSecurity(q, table);
    }
    // The triggers log as the writer, the tenant role included.
    await q.query(
      `DO $$ BEGIN EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO crm_tenant', pg_get_serial_sequence('analytics_product_changes', 'id')); END $$`,
    );

    // What changes a product cell: a paid version of a sale (either kind) appearing, going or moving.
    await q.query(`
      CREATE FUNCTION analytics_log_products_sales_written() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO analytics_product_changes (company_id, hour)
          SELECT DISTINCT n.company_id, date_trunc('hour', n.sold_at) FROM new_rows n WHERE n.status = 'paid';
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO analytics_product_changes (company_id, hour)
          SELECT DISTINCT o.company_id, date_trunc('hour', o.sold_at) FROM old_rows o WHERE o.status = 'paid';
        ELSE
          INSERT INTO analytics_product_changes (company_id, hour)
          SELECT DISTINCT x.company_id, date_trunc('hour', x.sold_at) FROM (
            SELECT o.company_id, o.sold_at FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE o.status = 'paid' AND (o.status, o.sold_at, o.currency, o.kind) IS DISTINCT FROM (n.status, n.sold_at, n.currency, n.kind)
            UNION ALL
            SELECT n.company_id, n.sold_at FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE n.status = 'paid' AND (o.status, o.sold_at, o.currency, o.kind) IS DISTINCT FROM (n.status, n.sold_at, n.currency, n.kind)
          ) x;
        END IF;
        RETURN NULL;
      END
      $$`);
    // Items of a paid sale; items deleted with their sale are logged by the sale's own trigger. Each
    // sale is one probe of its key (OFFSET 0 keeps it so: a join planned on the transition table's
    // unknown size scanned every sale of the table, +28% on a 5,000-sale batch at 100,000 sales).
    const itemsLogged = (rows: string) => `
          INSERT INTO analytics_product_changes (company_id, hour)
          SELECT DISTINCT s.company_id, date_trunc('hour', s.sold_at)
          FROM (${rows}) i
          CROSS JOIN LATERAL (
            SELECT x.company_id, x.sold_at FROM sales x
            WHERE x.company_id = i.company_id AND x.id = i.sale_id AND x.status = 'paid' OFFSET 0
          ) s;`;
    await q.query(`
      CREATE FUNCTION analytics_log_products_items_written() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${itemsLogged('SELECT DISTINCT company_id, sale_id FROM new_rows')}
        ELSIF TG_OP = 'DELETE' THEN
          ${itemsLogged('SELECT DISTINCT company_id, sale_id FROM old_rows')}
        ELSE
          ${itemsLogged('SELECT company_id, sale_id FROM new_rows UNION SELECT company_id, sale_id FROM old_rows')}
        END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER sales_products_insert AFTER INSERT ON sales REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION analytics_log_products_sales_written()`);
    await q.query(`
      CREATE TRIGGER sales_products_update AFTER UPDATE ON sales REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION analytics_log_products_sales_written()`);
    await q.query(`
      CREATE TRIGGER sales_products_delete AFTER DELETE ON sales REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION analytics_log_products_sales_written()`);
    await q.query(`
      CREATE TRIGGER sale_items_products_insert AFTER INSERT ON sale_items REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION analytics_log_products_items_written()`);
    await q.query(`
      CREATE TRIGGER sale_items_products_update AFTER UPDATE ON sale_items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION analytics_log_products_items_written()`);
    await q.query(`
      CREATE TRIGGER sale_items_products_delete AFTER DELETE ON sale_items REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION analytics_log_products_items_written()`);

    // The cells of some local days, from the sales and items themselves.
    await q.query(`
      CREATE FUNCTION analytics_product_cells_of(target uuid, tz text, days date[])
      RETURNS TABLE (day date, currency char(3), product text, sku text, name text, name_sale uuid,
                     quantity numeric, amount numeric, sales int)
      LANGUAGE sql STABLE AS $$
        SELECT s.day, s.currency, coalesce('sku:' || si.sku, 'name:' || si.name), min(si.sku),
               (array_agg(si.name ORDER BY s.id, si.position))[1], (array_agg(s.id ORDER BY s.id, si.position))[1],
               sum(s.sign * si.quantity), sum(s.sign * si.quantity * si.unit_price),
               (count(DISTINCT s.id) FILTER (WHERE s.sign > 0))::int
        FROM unnest(days) AS d (day)
        CROSS JOIN LATERAL (
          SELECT x.id, x.currency, d.day, CASE WHEN x.kind = 'return' THEN -1 ELSE 1 END AS sign FROM sales x
          WHERE x.company_id = target AND x.status = 'paid'
            AND x.sold_at >= (d.day::timestamp AT TIME ZONE tz) AND x.sold_at < ((d.day + 1)::timestamp AT TIME ZONE tz)
          OFFSET 0
        ) s
        CROSS JOIN LATERAL (
          SELECT i.sku, i.name, i.quantity, i.unit_price, i.position FROM sale_items i
          WHERE i.company_id = target AND i.sale_id = s.id OFFSET 0
        ) si
        GROUP BY 1, 2, 3
      $$`);

    await q.query(`
      CREATE FUNCTION analytics_fold_products(target uuid, max_days int) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        tz text;
        days date[];
      BEGIN
        IF max_days < 1 THEN
          RETURN 0;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('crm.analytics-products:' || target::text, 0));
        SELECT c.time_zone INTO tz FROM companies c WHERE c.id = target;
        IF tz IS NULL THEN
          DELETE FROM analytics_product_changes WHERE company_id = target;
          RETURN 0;
        END IF;
        -- Every logged hour becomes the local days it covers (two when a day starts inside it).
        WITH claimed AS (
          DELETE FROM analytics_product_changes WHERE company_id = target RETURNING hour
        )
        INSERT INTO analytics_product_dirty (company_id, day)
        SELECT DISTINCT target, d.day FROM claimed c
        CROSS JOIN LATERAL (VALUES ((c.hour AT TIME ZONE tz)::date),
                                   (((c.hour + interval '1 hour' - interval '1 microsecond') AT TIME ZONE tz)::date)) d (day)
        ORDER BY 2
        ON CONFLICT DO NOTHING;
        days := ARRAY(SELECT p.day FROM analytics_product_dirty p WHERE p.company_id = target ORDER BY p.day LIMIT max_days);
        IF cardinality(days) = 0 THEN
          RETURN 0;
        END IF;
        DELETE FROM analytics_product_daily p WHERE p.company_id = target AND p.day = ANY(days);
        INSERT INTO analytics_product_daily (company_id, day, currency, product, sku, name, name_sale, quantity, amount, sales)
        SELECT target, c.* FROM analytics_product_cells_of(target, tz, days) c ORDER BY 1, 2, 3, 4;
        DELETE FROM analytics_product_dirty p WHERE p.company_id = target AND p.day = ANY(days);
        -- Answers served again (AnswerCache) hold while this count stands: item edits reach the
        -- product cells only here, with no sales change folded.
        INSERT INTO analytics_answer_versions AS v (company_id, folds) VALUES (target, 1)
        ON CONFLICT (company_id) DO UPDATE SET folds = v.folds + 1;
        RETURN cardinality(days);
      END
      $$`);

    // A rebuild (a new time zone moves every sale's local day; bulk loads that skipped the triggers)
    // recomputes every day with a paid sale. The earlier rebuild keeps its work under a new name.
    await q.query(`
      CREATE FUNCTION analytics_products_rebuild(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('crm.analytics-products:' || target::text, 0));
        DELETE FROM analytics_product_daily WHERE company_id = target;
        DELETE FROM analytics_product_dirty WHERE company_id = target;
        DELETE FROM analytics_product_changes WHERE company_id = target;
        INSERT INTO analytics_product_dirty (company_id, day)
        SELECT DISTINCT target, (s.sold_at AT TIME ZONE c.time_zone)::date
        FROM sales s JOIN companies c ON c.id = s.company_id
        WHERE s.company_id = target AND s.status = 'paid' ORDER BY 2;
      END
      $$`);
    await q.query(`ALTER FUNCTION analytics_rebuild_company(uuid) RENAME TO analytics_rebuild_company_before_products`);
    await q.query(`
      CREATE FUNCTION analytics_rebuild_company(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_rebuild_company_before_products(target);
        PERFORM analytics_products_rebuild(target);
      END
      $$`);

    // Sales written before this migration: every company's paid days are to be computed; the
    // folder's sweep computes them in the background (reads compute dirty days themselves meanwhile).
    await q.query(`
      INSERT INTO analytics_product_dirty (company_id, day)
      SELECT DISTINCT s.company_id, (s.sold_at AT TIME ZONE c.time_zone)::date
      FROM sales s JOIN companies c ON c.id = s.company_id WHERE s.status = 'paid'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION analytics_rebuild_company(uuid)`);
    await q.query(`ALTER FUNCTION analytics_rebuild_company_before_products(uuid) RENAME TO analytics_rebuild_company`);
    for (const t of ['insert', 'update', 'delete']) {
      await q.query(`DROP TRIGGER sales_products_${t} ON sales`);
      await q.query(`DROP TRIGGER sale_items_products_${t} ON sale_items`);
    }
    await q.query(`DROP FUNCTION analytics_products_rebuild(uuid)`);
    await q.query(`DROP FUNCTION analytics_fold_products(uuid, int)`);
    await q.query(`DROP FUNCTION analytics_product_cells_of(uuid, text, date[])`);
    await q.query(`DROP FUNCTION analytics_log_products_items_written()`);
    await q.query(`DROP FUNCTION analytics_log_products_sales_written()`);
    for (const table of ['analytics_product_changes', 'analytics_product_dirty', 'analytics_product_daily']) {
      await disableTenantSecurity(q, table);
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
