import { MigrationInterface, QueryRunner } from 'typeorm';

/** The status key a sale row has in the rollups and the pending-change log (see below). */
const ROLLUP_STATUS = (row: string) =>
  `CASE WHEN ${row}.kind = 'return' THEN 'return:' || ${row}.status ELSE ${row}.status END`;

/**
 * Returns: a sale row with `kind = 'return'` and `return_of` = the original sale (same company;
 * same client and currency and the amounts and quantities left unreturned are checked by the API,
 * which holds the company's write lock). Deleting the original deletes its returns.
 *
 * In the analytics a return is kept apart from sales by its rollup status: the pending-change log
 * and `analytics_sales_daily` carry `return:<status>` for returns (`return:paid` etc.), so every
 * existing reader of `status = 'paid'` keeps counting sales only (salesCount, buyers, the buyer
 * grid, first purchases), and revenue is `paid` minus `return:paid` on the return's own day.
 * `analytics_client_daily` keeps paid sales only; the paid returns per client-day go to
 * `analytics_client_returns`, so top clients and the customer models can net them. A fold that
 * applies a paid return retires the kept top-client answers of the return's day, like a paid sale.
 */
export class SaleReturns1764410000000 implements MigrationInterface {
  name = 'SaleReturns1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sales
        ADD COLUMN kind text NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'return')),
        ADD COLUMN return_of uuid,
        ADD CONSTRAINT sales_return_of_fkey FOREIGN KEY (company_id, return_of) REFERENCES sales (company_id, id) ON DELETE CASCADE,
        ADD CONSTRAINT sales_return_link CHECK ((kind = 'return') = (return_of IS NOT NULL) AND return_of IS DISTINCT FROM id)`);
    await q.query(
      `CREATE INDEX sales_company_return_of_idx ON sales (company_id, return_of, sold_at) WHERE return_of IS NOT NULL`,
    );
    await q.query(`CREATE INDEX sales_company_kind_idx ON sales (company_id, kind, sold_at) WHERE kind <> 'sale'`);

    await q.query(`
      CREATE TABLE analytics_client_returns (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        client_id uuid NOT NULL,
        day date NOT NULL,
        currency char(3) NOT NULL,
        returns bigint NOT NULL,
        amount numeric NOT NULL,
        PRIMARY KEY (company_id, client_id, day, currency)
      )`);
    await q.query(
      `CREATE INDEX analytics_client_returns_day_idx ON analytics_client_returns (company_id, day) INCLUDE (client_id, currency, returns, amount)`,
    );

    await this.logFunctions(q, ROLLUP_STATUS);

    await this.applyAndRebuild(q, true);
    // No sale is a return yet: the rollups built so far stay exact.
  }

  /**
   * `analytics_apply_sale_changes` (the fold's step after the rollups) and the rebuild from sales,
   * with the returns (`returns`) or as they were before this migration.
   */
  private async applyAndRebuild(q: QueryRunner, returns: boolean): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_apply_sale_changes(changes analytics_sale_change[]) RETURNS void
      LANGUAGE plpgsql AS $$
      ${returns ? 'DECLARE returned analytics_paid_delta[];' : ''}
      BEGIN
        PERFORM analytics_apply_sale_changes_to_rollups(changes);
        ${
          returns
            ? `SELECT coalesce(array_agg(ROW(p.*)::analytics_paid_delta ORDER BY p.company_id, p.client_id, p.day, p.currency), '{}')
        INTO returned
        FROM (
          SELECT c.company_id, c.client_id, (c.sold_at AT TIME ZONE co.time_zone)::date AS day, c.currency,
                 sum(c.sign)::bigint AS returns, sum(c.sign * c.amount) AS amount
          FROM unnest(changes) c JOIN companies co ON co.id = c.company_id
          WHERE c.status = 'return:paid'
          GROUP BY 1, 2, 3, 4 HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0
        ) p;
        IF cardinality(returned) > 0 THEN
          INSERT INTO analytics_client_returns AS r (company_id, client_id, day, currency, returns, amount)
          SELECT * FROM unnest(returned)
          ON CONFLICT (company_id, client_id, day, currency)
          DO UPDATE SET returns = r.returns + excluded.returns, amount = r.amount + excluded.amount;
          DELETE FROM analytics_client_returns r USING unnest(returned) p
          WHERE r.company_id = p.company_id AND r.client_id = p.client_id AND r.day = p.day AND r.currency = p.currency
            AND r.returns = 0;
        END IF;`
            : ''
        }
        INSERT INTO analytics_answer_versions AS v (company_id, folds)
        SELECT DISTINCT c.company_id, 1 FROM unnest(changes) c JOIN companies co ON co.id = c.company_id
        ON CONFLICT (company_id) DO UPDATE SET folds = v.folds + 1;
        DELETE FROM analytics_top_clients t
        USING (
          SELECT DISTINCT c.company_id, (c.sold_at AT TIME ZONE co.time_zone)::date AS day
          FROM unnest(changes) c JOIN companies co ON co.id = c.company_id
          WHERE c.status IN ${returns ? `('paid', 'return:paid')` : `('paid')`}
        ) d
        WHERE t.company_id = d.company_id AND d.day BETWEEN t.from_day AND t.to_day;
      END
      $$`);

    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_rebuild_company_from_sales(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        tz text;
      BEGIN
        SELECT time_zone INTO tz FROM companies WHERE id = target;
        DELETE FROM analytics_sales_daily WHERE company_id = target;
        DELETE FROM analytics_client_daily WHERE company_id = target;
        ${returns ? 'DELETE FROM analytics_client_returns WHERE company_id = target;' : ''}
        DELETE FROM analytics_buyer_grid WHERE company_id = target;
        DELETE FROM analytics_buyer_prev WHERE company_id = target;
        DELETE FROM analytics_buyer_firsts WHERE company_id = target;
        DELETE FROM analytics_buyer_grid_months WHERE company_id = target;
        IF tz IS NULL THEN
          RETURN;
        END IF;
        INSERT INTO analytics_sales_daily (company_id, day, currency, status, sales, amount)
        SELECT s.company_id, (s.sold_at AT TIME ZONE tz)::date, s.currency, ${returns ? ROLLUP_STATUS('s') : 's.status'}, count(*), sum(s.amount)
        FROM sales s WHERE s.company_id = target GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
        INSERT INTO analytics_client_daily (company_id, client_id, day, currency, sales, amount)
        SELECT company_id, client_id, (sold_at AT TIME ZONE tz)::date, currency, count(*), sum(amount)
        FROM sales WHERE company_id = target AND status = 'paid' ${returns ? `AND kind = 'sale'` : ''} GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 2, 4;
        ${
          returns
            ? `INSERT INTO analytics_client_returns (company_id, client_id, day, currency, returns, amount)
        SELECT company_id, client_id, (sold_at AT TIME ZONE tz)::date, currency, count(*), sum(amount)
        FROM sales WHERE company_id = target AND status = 'paid' AND kind = 'return' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;`
            : ''
        }
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
  }

  /** The pending-change log triggers, with `status` given by `statusOf(row alias)`. */
  private async logFunctions(q: QueryRunner, statusOf: (row: string) => string): Promise<void> {
    const columns = (r: string) =>
      `${r}.company_id, ${r}.client_id, ${r}.sold_at, ${r}.currency, ${statusOf(r)}, ${r}.amount`;
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_log_sales_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO analytics_pending_changes (company_id, client_id, sold_at, currency, status, amount, sign)
        SELECT ${columns('n')}, 1 FROM new_rows n;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_log_sales_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO analytics_pending_changes (company_id, client_id, sold_at, currency, status, amount, sign)
        SELECT ${columns('o')}, -1 FROM old_rows o;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION analytics_log_sales_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO analytics_pending_changes (company_id, client_id, sold_at, currency, status, amount, sign)
        SELECT x.company_id, x.client_id, x.sold_at, x.currency, x.status, x.amount, x.sign FROM (
          SELECT ${columns('o')}, -1, 0
          FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (${columns('o')}) IS DISTINCT FROM (${columns('n')})
          UNION ALL
          SELECT ${columns('n')}, 1, 1
          FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (${columns('o')}) IS DISTINCT FROM (${columns('n')})
        ) x (company_id, client_id, sold_at, currency, status, amount, sign, part) ORDER BY x.part;
        RETURN NULL;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM sales WHERE kind = 'return'`);
    await this.logFunctions(q, (r) => `${r}.status`);
    await this.applyAndRebuild(q, false);
    await q.query(`DROP TABLE analytics_client_returns`);
    await q.query(`ALTER TABLE sales DROP CONSTRAINT sales_return_link, DROP CONSTRAINT sales_return_of_fkey`);
    await q.query(`ALTER TABLE sales DROP COLUMN return_of, DROP COLUMN kind`);
  }
}
