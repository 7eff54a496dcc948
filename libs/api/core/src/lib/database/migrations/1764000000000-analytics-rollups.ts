import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollups that let the analytics answer in constant time at millions of sales, kept exact by
 * statement-level triggers on `sales` inside the writing transaction — every write path (batch
 * upsert, web CRUD, CSV import, cascaded client deletes) maintains them with no code coupling.
 *
 * - `analytics_sales_daily`: per company × local day × currency × status, the number of sales and
 *   the sum of their amounts (sale currency). Revenue, counts, timeseries and statuses.
 * - `analytics_client_daily`: per company × client × local day × currency, paid sales only.
 *   Top clients, customer models, RFM, and exact buyer counts when some sales cannot be converted.
 * - The buyer grid. Order each client's paid sales by local day; for a sale s let p1(s) be the day
 *   of the client's previous paid sale and p2(s) of the one before it (`-infinity` when none).
 *   For a period [f, t]: buyers = #{s in [f, t] : p1 < f} (each buyer's first sale in the period),
 *   newClients = #{s in [f, t] : p1 = -infinity}, and buyers with two or more sales =
 *   #{s in [f, t] : p2 < f} − buyers. `analytics_buyer_grid` counts sales per (day, p) — n1 for
 *   p1, n2 for p2 — so these are range sums bounded by days², whatever the number of sales;
 *   `analytics_buyer_prev` (per p) and `analytics_buyer_firsts` (per day, p1 = -infinity) let a
 *   period ending near today be answered from a handful of rows (see the analytics library).
 *
 * Days are local days in `companies.time_zone`; changing the time zone rebuilds the company's
 * rollups in the same transaction. Rows whose counts fall to zero are deleted.
 *
 * Concurrency: rollup rows are upserted in key order, so concurrent writers of one company wait
 * for each other on shared rows (never deadlock on them); different companies never touch the
 * same rows.
 */
export class AnalyticsRollups1764000000000 implements MigrationInterface {
  name = 'AnalyticsRollups1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics_sales_daily (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        day date NOT NULL,
        currency char(3) NOT NULL,
        status text NOT NULL,
        sales bigint NOT NULL,
        amount numeric NOT NULL,
        PRIMARY KEY (company_id, day, currency, status)
      )`);
    await q.query(`
      CREATE TABLE analytics_client_daily (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        client_id uuid NOT NULL,
        day date NOT NULL,
        currency char(3) NOT NULL,
        sales bigint NOT NULL,
        amount numeric NOT NULL,
        PRIMARY KEY (company_id, client_id, day, currency)
      )`);
    await q.query(
      `CREATE INDEX analytics_client_daily_day_idx ON analytics_client_daily (company_id, day) INCLUDE (client_id, currency, sales, amount)`,
    );
    await q.query(`
      CREATE TABLE analytics_buyer_grid (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        day date NOT NULL,
        prev_day date NOT NULL,
        n1 bigint NOT NULL,
        n2 bigint NOT NULL,
        PRIMARY KEY (company_id, day, prev_day)
      )`);
    await q.query(`
      CREATE TABLE analytics_buyer_prev (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        prev_day date NOT NULL,
        n1 bigint NOT NULL,
        n2 bigint NOT NULL,
        PRIMARY KEY (company_id, prev_day)
      )`);
    await q.query(`
      CREATE TABLE analytics_buyer_firsts (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        day date NOT NULL,
        buyers bigint NOT NULL,
        PRIMARY KEY (company_id, day)
      )`);

    await q.query(`
      CREATE TYPE analytics_sale_change AS (
        company_id uuid, client_id uuid, sold_at timestamptz, currency char(3), status text, amount numeric, sign int
      )`);
    await q.query(
      `CREATE TYPE analytics_daily_delta AS (company_id uuid, day date, currency char(3), status text, sales bigint, amount numeric)`,
    );
    await q.query(
      `CREATE TYPE analytics_paid_delta AS (company_id uuid, client_id uuid, day date, currency char(3), sales bigint, amount numeric)`,
    );
    await q.query(`CREATE TYPE analytics_client_from AS (company_id uuid, client_id uuid, from_day date)`);
    await q.query(
      `CREATE TYPE analytics_grid_cell AS (company_id uuid, day date, prev_day date, n1 bigint, n2 bigint)`,
    );

    // The buyer-grid cells of the client-days on or after each client's from_day, from the
    // current analytics_client_daily (two earlier client-days give p1/p2 of the first one).
    await q.query(`
      CREATE FUNCTION analytics_buyer_cells(affected analytics_client_from[]) RETURNS analytics_grid_cell[]
      LANGUAGE sql STABLE AS $$
        SELECT coalesce(array_agg(ROW(g.company_id, g.day, g.prev_day, g.n1, g.n2)::analytics_grid_cell), '{}')
        FROM (
          SELECT a.company_id, x.day, cell.prev_day, sum(cell.n1)::bigint AS n1, sum(cell.n2)::bigint AS n2
          FROM unnest(affected) a
          CROSS JOIN LATERAL (
            SELECT d.day, d.n, lag(d.day) OVER w AS pd1, lag(d.n) OVER w AS npd1, lag(d.day, 2) OVER w AS pd2
            FROM (
              SELECT cd.day, sum(cd.sales) AS n
              FROM analytics_client_daily cd
              WHERE cd.company_id = a.company_id AND cd.client_id = a.client_id
                AND cd.day >= coalesce((
                  SELECT min(e.day) FROM (
                    SELECT DISTINCT b.day FROM analytics_client_daily b
                    WHERE b.company_id = a.company_id AND b.client_id = a.client_id AND b.day < a.from_day
                    ORDER BY b.day DESC LIMIT 2
                  ) e), a.from_day)
              GROUP BY cd.day
            ) d
            WINDOW w AS (ORDER BY d.day)
          ) x
          CROSS JOIN LATERAL (VALUES
            (coalesce(x.pd1, '-infinity'::date), 1::bigint, 0::bigint),
            (CASE WHEN x.npd1 >= 2 THEN x.pd1 ELSE coalesce(x.pd2, '-infinity'::date) END, 0, 1),
            (x.day, CASE WHEN x.n >= 2 THEN 1 ELSE 0 END, 0),
            (coalesce(x.pd1, '-infinity'::date), 0, CASE WHEN x.n >= 2 THEN 1 ELSE 0 END),
            (x.day, greatest(x.n - 2, 0), greatest(x.n - 2, 0))
          ) AS cell (prev_day, n1, n2)
          WHERE x.day >= a.from_day AND (cell.n1 <> 0 OR cell.n2 <> 0)
          GROUP BY a.company_id, x.day, cell.prev_day
        ) g
      $$`);

    // Adds signed cells to the grid and its two projections; drops rows that reach zero.
    await q.query(`
      CREATE FUNCTION analytics_add_buyer_cells(cells analytics_grid_cell[]) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        WITH d AS (
          SELECT c.company_id, c.day, c.prev_day, sum(c.n1) AS n1, sum(c.n2) AS n2 FROM unnest(cells) c
          GROUP BY 1, 2, 3 HAVING sum(c.n1) <> 0 OR sum(c.n2) <> 0
        )
        INSERT INTO analytics_buyer_grid AS g (company_id, day, prev_day, n1, n2)
        SELECT * FROM d ORDER BY 1, 2, 3
        ON CONFLICT (company_id, day, prev_day) DO UPDATE SET n1 = g.n1 + excluded.n1, n2 = g.n2 + excluded.n2;

        WITH d AS (
          SELECT c.company_id, c.prev_day, sum(c.n1) AS n1, sum(c.n2) AS n2 FROM unnest(cells) c
          GROUP BY 1, 2 HAVING sum(c.n1) <> 0 OR sum(c.n2) <> 0
        )
        INSERT INTO analytics_buyer_prev AS p (company_id, prev_day, n1, n2)
        SELECT * FROM d ORDER BY 1, 2
        ON CONFLICT (company_id, prev_day) DO UPDATE SET n1 = p.n1 + excluded.n1, n2 = p.n2 + excluded.n2;

        WITH d AS (
          SELECT c.company_id, c.day, sum(c.n1) AS buyers FROM unnest(cells) c
          WHERE c.prev_day = '-infinity'::date GROUP BY 1, 2 HAVING sum(c.n1) <> 0
        )
        INSERT INTO analytics_buyer_firsts AS f (company_id, day, buyers)
        SELECT * FROM d ORDER BY 1, 2
        ON CONFLICT (company_id, day) DO UPDATE SET buyers = f.buyers + excluded.buyers;

        DELETE FROM analytics_buyer_grid g USING (SELECT DISTINCT company_id, day, prev_day FROM unnest(cells)) k
        WHERE g.company_id = k.company_id AND g.day = k.day AND g.prev_day = k.prev_day AND g.n1 = 0 AND g.n2 = 0;
        DELETE FROM analytics_buyer_prev p USING (SELECT DISTINCT company_id, prev_day FROM unnest(cells)) k
        WHERE p.company_id = k.company_id AND p.prev_day = k.prev_day AND p.n1 = 0 AND p.n2 = 0;
        DELETE FROM analytics_buyer_firsts f USING (SELECT DISTINCT company_id, day FROM unnest(cells) WHERE prev_day = '-infinity'::date) k
        WHERE f.company_id = k.company_id AND f.day = k.day AND f.buyers = 0;
      END
      $$`);

    // Applies signed sale rows (+1 new version, −1 old version) to every rollup.
    await q.query(`
      CREATE FUNCTION analytics_apply_sale_changes(changes analytics_sale_change[]) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        daily analytics_daily_delta[];
        paid analytics_paid_delta[];
        affected analytics_client_from[];
        old_cells analytics_grid_cell[];
      BEGIN
        -- Companies being deleted are gone already: their changes join to nothing.
        SELECT coalesce(array_agg(ROW(d.*)::analytics_daily_delta ORDER BY d.company_id, d.day, d.currency, d.status), '{}')
        INTO daily
        FROM (
          SELECT c.company_id, (c.sold_at AT TIME ZONE co.time_zone)::date AS day, c.currency, c.status,
                 sum(c.sign)::bigint AS sales, sum(c.sign * c.amount) AS amount
          FROM unnest(changes) c JOIN companies co ON co.id = c.company_id
          GROUP BY 1, 2, 3, 4 HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0
        ) d;
        IF cardinality(daily) > 0 THEN
          INSERT INTO analytics_sales_daily AS r (company_id, day, currency, status, sales, amount)
          SELECT * FROM unnest(daily)
          ON CONFLICT (company_id, day, currency, status)
          DO UPDATE SET sales = r.sales + excluded.sales, amount = r.amount + excluded.amount;
          DELETE FROM analytics_sales_daily r USING unnest(daily) d
          WHERE r.company_id = d.company_id AND r.day = d.day AND r.currency = d.currency AND r.status = d.status
            AND r.sales = 0;
        END IF;

        SELECT coalesce(array_agg(ROW(p.*)::analytics_paid_delta ORDER BY p.company_id, p.client_id, p.day, p.currency), '{}')
        INTO paid
        FROM (
          SELECT c.company_id, c.client_id, (c.sold_at AT TIME ZONE co.time_zone)::date AS day, c.currency,
                 sum(c.sign)::bigint AS sales, sum(c.sign * c.amount) AS amount
          FROM unnest(changes) c JOIN companies co ON co.id = c.company_id
          WHERE c.status = 'paid'
          GROUP BY 1, 2, 3, 4 HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0
        ) p;
        IF cardinality(paid) = 0 THEN
          RETURN;
        END IF;

        -- Clients whose sequence of paid days changes, from the earliest changed day.
        SELECT coalesce(array_agg(ROW(a.company_id, a.client_id, a.from_day)::analytics_client_from), '{}') INTO affected
        FROM (SELECT p.company_id, p.client_id, min(p.day) AS from_day FROM unnest(paid) p
              GROUP BY 1, 2 HAVING bool_or(p.sales <> 0)) a;
        IF cardinality(affected) > 0 THEN
          old_cells := analytics_buyer_cells(affected);
        END IF;

        INSERT INTO analytics_client_daily AS r (company_id, client_id, day, currency, sales, amount)
        SELECT * FROM unnest(paid)
        ON CONFLICT (company_id, client_id, day, currency)
        DO UPDATE SET sales = r.sales + excluded.sales, amount = r.amount + excluded.amount;
        DELETE FROM analytics_client_daily r USING unnest(paid) p
        WHERE r.company_id = p.company_id AND r.client_id = p.client_id AND r.day = p.day AND r.currency = p.currency
          AND r.sales = 0;

        IF cardinality(affected) > 0 THEN
          PERFORM analytics_add_buyer_cells(
            analytics_buyer_cells(affected) ||
            ARRAY(SELECT ROW(o.company_id, o.day, o.prev_day, -o.n1, -o.n2)::analytics_grid_cell FROM unnest(old_cells) o)
          );
        END IF;
      END
      $$`);

    await q.query(`
      CREATE FUNCTION analytics_sales_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_apply_sale_changes(ARRAY(
          SELECT ROW(n.company_id, n.client_id, n.sold_at, n.currency, n.status, n.amount, 1)::analytics_sale_change FROM new_rows n));
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE FUNCTION analytics_sales_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_apply_sale_changes(ARRAY(
          SELECT ROW(o.company_id, o.client_id, o.sold_at, o.currency, o.status, o.amount, -1)::analytics_sale_change FROM old_rows o));
        RETURN NULL;
      END
      $$`);
    // Updates that change none of the columns the rollups read (the usual upsert of an unchanged
    // or only re-described sale) cost one join and nothing else.
    await q.query(`
      CREATE FUNCTION analytics_sales_updated() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await q.query(`
      CREATE TRIGGER sales_analytics_insert AFTER INSERT ON sales REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION analytics_sales_inserted()`);
    await q.query(`
      CREATE TRIGGER sales_analytics_update AFTER UPDATE ON sales REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION analytics_sales_updated()`);
    await q.query(`
      CREATE TRIGGER sales_analytics_delete AFTER DELETE ON sales REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION analytics_sales_deleted()`);

    // Recomputes one company's rollups from its sales (time-zone change, repair, bulk loads).
    await q.query(`
      CREATE FUNCTION analytics_rebuild_company(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        tz text;
      BEGIN
        SELECT time_zone INTO tz FROM companies WHERE id = target;
        DELETE FROM analytics_sales_daily WHERE company_id = target;
        DELETE FROM analytics_client_daily WHERE company_id = target;
        DELETE FROM analytics_buyer_grid WHERE company_id = target;
        DELETE FROM analytics_buyer_prev WHERE company_id = target;
        DELETE FROM analytics_buyer_firsts WHERE company_id = target;
        IF tz IS NULL THEN
          RETURN;
        END IF;
        INSERT INTO analytics_sales_daily (company_id, day, currency, status, sales, amount)
        SELECT company_id, (sold_at AT TIME ZONE tz)::date, currency, status, count(*), sum(amount)
        FROM sales WHERE company_id = target GROUP BY 1, 2, 3, 4;
        INSERT INTO analytics_client_daily (company_id, client_id, day, currency, sales, amount)
        SELECT company_id, client_id, (sold_at AT TIME ZONE tz)::date, currency, count(*), sum(amount)
        FROM sales WHERE company_id = target AND status = 'paid' GROUP BY 1, 2, 3, 4;
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
        GROUP BY 1, 2, 3;
        INSERT INTO analytics_buyer_prev (company_id, prev_day, n1, n2)
        SELECT company_id, prev_day, sum(n1), sum(n2) FROM analytics_buyer_grid WHERE company_id = target GROUP BY 1, 2;
        INSERT INTO analytics_buyer_firsts (company_id, day, buyers)
        SELECT company_id, day, n1 FROM analytics_buyer_grid WHERE company_id = target AND prev_day = '-infinity'::date AND n1 <> 0;
      END
      $$`);
    await q.query(`
      CREATE FUNCTION analytics_company_time_zone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_rebuild_company(NEW.id);
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER companies_analytics_time_zone AFTER UPDATE OF time_zone ON companies
      FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
      EXECUTE FUNCTION analytics_company_time_zone_changed()`);

    // Sales written before this migration.
    await q.query(
      `SELECT analytics_rebuild_company(id) FROM companies WHERE EXISTS (SELECT 1 FROM sales s WHERE s.company_id = companies.id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER companies_analytics_time_zone ON companies`);
    await q.query(`DROP TRIGGER sales_analytics_delete ON sales`);
    await q.query(`DROP TRIGGER sales_analytics_update ON sales`);
    await q.query(`DROP TRIGGER sales_analytics_insert ON sales`);
    await q.query(`DROP FUNCTION analytics_company_time_zone_changed()`);
    await q.query(`DROP FUNCTION analytics_rebuild_company(uuid)`);
    await q.query(`DROP FUNCTION analytics_sales_updated()`);
    await q.query(`DROP FUNCTION analytics_sales_deleted()`);
    await q.query(`DROP FUNCTION analytics_sales_inserted()`);
    await q.query(`DROP FUNCTION analytics_apply_sale_changes(analytics_sale_change[])`);
    await q.query(`DROP FUNCTION analytics_add_buyer_cells(analytics_grid_cell[])`);
    await q.query(`DROP FUNCTION analytics_buyer_cells(analytics_client_from[])`);
    await q.query(`DROP TYPE analytics_grid_cell`);
    await q.query(`DROP TYPE analytics_client_from`);
    await q.query(`DROP TYPE analytics_paid_delta`);
    await q.query(`DROP TYPE analytics_daily_delta`);
    await q.query(`DROP TYPE analytics_sale_change`);
    await q.query(`DROP TABLE analytics_buyer_firsts`);
    await q.query(`DROP TABLE analytics_buyer_prev`);
    await q.query(`DROP TABLE analytics_buyer_grid`);
    await q.query(`DROP TABLE analytics_client_daily`);
    await q.query(`DROP TABLE analytics_sales_daily`);
  }
}
