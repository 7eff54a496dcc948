import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `analytics_client_monthly`: per company × local month × currency × client, the paid sales and
 * their amount, with an index that lists a month's clients by amount, largest first. Top clients
 * use it as a threshold algorithm: walking those lists from the top gives the candidates and an
 * upper bound for every client not yet seen (amounts are never negative), so the exact answer reads
 * a few hundred client-days instead of every client-day of the period, at any number of sales.
 *
 * Kept by the same fold as the other rollups (`analytics_apply_sale_changes`) and rebuilt with them
 * (`analytics_rebuild_company`): the functions of the earlier migrations keep their work under a
 * `_core` name and the public ones add the monthly rows.
 */
export class AnalyticsClientMonths1764100000001 implements MigrationInterface {
  name = 'AnalyticsClientMonths1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics_client_monthly (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        client_id uuid NOT NULL,
        month date NOT NULL,
        currency char(3) NOT NULL,
        sales bigint NOT NULL,
        amount numeric NOT NULL,
        PRIMARY KEY (company_id, client_id, month, currency)
      )`);
    await q.query(
      `CREATE INDEX analytics_client_monthly_rank_idx ON analytics_client_monthly (company_id, month, currency, amount DESC, client_id)`,
    );

    await q.query(
      `ALTER FUNCTION analytics_apply_sale_changes(analytics_sale_change[]) RENAME TO analytics_apply_sale_changes_core`,
    );
    await q.query(`
      CREATE FUNCTION analytics_apply_sale_changes(changes analytics_sale_change[]) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        monthly analytics_paid_delta[];
      BEGIN
        PERFORM analytics_apply_sale_changes_core(changes);
        -- analytics_paid_delta's "day" holds the first day of the local month here.
        SELECT coalesce(array_agg(ROW(m.*)::analytics_paid_delta ORDER BY m.company_id, m.client_id, m.month, m.currency), '{}')
        INTO monthly
        FROM (
          SELECT c.company_id, c.client_id, date_trunc('month', c.sold_at AT TIME ZONE co.time_zone)::date AS month,
                 c.currency, sum(c.sign)::bigint AS sales, sum(c.sign * c.amount) AS amount
          FROM unnest(changes) c JOIN companies co ON co.id = c.company_id
          WHERE c.status = 'paid'
          GROUP BY 1, 2, 3, 4 HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0
        ) m;
        IF cardinality(monthly) = 0 THEN
          RETURN;
        END IF;
        INSERT INTO analytics_client_monthly AS r (company_id, client_id, month, currency, sales, amount)
        SELECT * FROM unnest(monthly)
        ON CONFLICT (company_id, client_id, month, currency)
        DO UPDATE SET sales = r.sales + excluded.sales, amount = r.amount + excluded.amount;
        DELETE FROM analytics_client_monthly r USING unnest(monthly) m
        WHERE r.company_id = m.company_id AND r.client_id = m.client_id AND r.month = m.day AND r.currency = m.currency
          AND r.sales = 0;
      END
      $$`);

    await q.query(`ALTER FUNCTION analytics_rebuild_company(uuid) RENAME TO analytics_rebuild_company_core`);
    await q.query(`
      CREATE FUNCTION analytics_rebuild_company(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_rebuild_company_core(target);
        DELETE FROM analytics_client_monthly WHERE company_id = target;
        INSERT INTO analytics_client_monthly (company_id, client_id, month, currency, sales, amount)
        SELECT company_id, client_id, date_trunc('month', day::timestamp)::date, currency, sum(sales), sum(amount)
        FROM analytics_client_daily WHERE company_id = target GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
      END
      $$`);

    await q.query(`
      INSERT INTO analytics_client_monthly (company_id, client_id, month, currency, sales, amount)
      SELECT company_id, client_id, date_trunc('month', day::timestamp)::date, currency, sum(sales), sum(amount)
      FROM analytics_client_daily GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION analytics_rebuild_company(uuid)`);
    await q.query(`ALTER FUNCTION analytics_rebuild_company_core(uuid) RENAME TO analytics_rebuild_company`);
    await q.query(`DROP FUNCTION analytics_apply_sale_changes(analytics_sale_change[])`);
    await q.query(
      `ALTER FUNCTION analytics_apply_sale_changes_core(analytics_sale_change[]) RENAME TO analytics_apply_sale_changes`,
    );
    await q.query(`DROP TABLE analytics_client_monthly`);
  }
}
