import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The buyer grid by month of the previous purchase: `analytics_buyer_grid_months` holds, per day,
 * the grid's counts summed by the month of p (−∞ stays −∞). A period's sum over p < from then reads
 * at most one row per month of history per day, plus — for the part of from's month before from —
 * one index probe per day into the exact grid, so buyer counts of any period cost about the same
 * at 1M and 10M sales (`bench/analytics`). Kept by the same trigger path
 * (`analytics_add_buyer_cells`) and rebuilt with the rest.
 */
export class AnalyticsBuyerMonths1764000000003 implements MigrationInterface {
  name = 'AnalyticsBuyerMonths1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics_buyer_grid_months (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        day date NOT NULL,
        prev_month date NOT NULL,
        n1 bigint NOT NULL,
        n2 bigint NOT NULL,
        PRIMARY KEY (company_id, day, prev_month) INCLUDE (n1, n2)
      )`);
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_add_buyer_cells(cells analytics_grid_cell[]) RETURNS void
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

        WITH d AS (
          SELECT c.company_id, c.day, date_trunc('month', c.prev_day::timestamp)::date AS prev_month, sum(c.n1) AS n1, sum(c.n2) AS n2
          FROM unnest(cells) c GROUP BY 1, 2, 3 HAVING sum(c.n1) <> 0 OR sum(c.n2) <> 0
        )
        INSERT INTO analytics_buyer_grid_months AS m (company_id, day, prev_month, n1, n2)
        SELECT * FROM d ORDER BY 1, 2, 3
        ON CONFLICT (company_id, day, prev_month) DO UPDATE SET n1 = m.n1 + excluded.n1, n2 = m.n2 + excluded.n2;

        DELETE FROM analytics_buyer_grid g USING (SELECT DISTINCT company_id, day, prev_day FROM unnest(cells)) k
        WHERE g.company_id = k.company_id AND g.day = k.day AND g.prev_day = k.prev_day AND g.n1 = 0 AND g.n2 = 0;
        DELETE FROM analytics_buyer_prev p USING (SELECT DISTINCT company_id, prev_day FROM unnest(cells)) k
        WHERE p.company_id = k.company_id AND p.prev_day = k.prev_day AND p.n1 = 0 AND p.n2 = 0;
        DELETE FROM analytics_buyer_firsts f USING (SELECT DISTINCT company_id, day FROM unnest(cells) WHERE prev_day = '-infinity'::date) k
        WHERE f.company_id = k.company_id AND f.day = k.day AND f.buyers = 0;
        DELETE FROM analytics_buyer_grid_months m
        USING (SELECT DISTINCT company_id, day, date_trunc('month', prev_day::timestamp)::date AS prev_month FROM unnest(cells)) k
        WHERE m.company_id = k.company_id AND m.day = k.day AND m.prev_month = k.prev_month AND m.n1 = 0 AND m.n2 = 0;
      END
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_rebuild_company(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        tz text;
      BEGIN
        SELECT time_zone INTO tz FROM companies WHERE id = target;
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
      $$`);
    await q.query(`
      INSERT INTO analytics_buyer_grid_months (company_id, day, prev_month, n1, n2)
      SELECT company_id, day, date_trunc('month', prev_day::timestamp)::date, sum(n1), sum(n2)
      FROM analytics_buyer_grid GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE analytics_buyer_grid_months`);
  }
}
