import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read paths of the analytics rollups, measured in `bench/analytics`:
 * - `(company_id, status, currency, day)` on the daily rollup lets one index probe per currency
 *   find each currency's first paid day (the check that every paid sale can be converted);
 * - the buyer grid's key covers its counts, so period sums are index-only scans;
 * - a rebuild writes rows in key order, so a period's rows sit on few pages (client-days by day,
 *   as the period scans read them).
 */
export class AnalyticsRollupIndexes1764000000001 implements MigrationInterface {
  name = 'AnalyticsRollupIndexes1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX analytics_sales_daily_currency_idx ON analytics_sales_daily (company_id, status, currency, day)`,
    );
    await q.query(`ALTER TABLE analytics_buyer_grid DROP CONSTRAINT analytics_buyer_grid_pkey`);
    await q.query(`ALTER TABLE analytics_buyer_grid ADD PRIMARY KEY (company_id, day, prev_day) INCLUDE (n1, n2)`);
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
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE analytics_buyer_grid DROP CONSTRAINT analytics_buyer_grid_pkey`);
    await q.query(`ALTER TABLE analytics_buyer_grid ADD PRIMARY KEY (company_id, day, prev_day)`);
    await q.query(`DROP INDEX analytics_sales_daily_currency_idx`);
  }
}
