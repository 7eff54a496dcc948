import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantSecurity, enableTenantSecurity } from './tenant-security';

/**
 * Per client and currency, the paid sales of the client's whole history (count and amount): a
 * bound for top clients over long periods (ADR 0003 "Top clients over long periods"). A client's
 * revenue in any period is at most its whole-history paid amount at the period's highest rate per
 * currency, so over a period that covers most of the history a few hundred clients' exact sums
 * decide the answer instead of a pass over every client-day of the period.
 *
 * Kept by the fold (the same changes as `analytics_client_daily`: paid sales, not returns) and by
 * the rebuild; both wrap the functions they had, which `down` restores.
 */
export class AnalyticsClientTotals1764520000000 implements MigrationInterface {
  name = 'AnalyticsClientTotals1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics_client_totals (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        client_id uuid NOT NULL,
        currency char(3) NOT NULL,
        sales bigint NOT NULL,
        amount numeric NOT NULL,
        PRIMARY KEY (company_id, client_id, currency)
      )`);
    await enableTenantSecurity(q, 'analytics_client_totals');
    await q.query(`
      INSERT INTO analytics_client_totals (company_id, client_id, currency, sales, amount)
      SELECT company_id, client_id, currency, sum(sales), sum(amount) FROM analytics_client_daily
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);

    await q.query(
      `ALTER FUNCTION analytics_apply_sale_changes(analytics_sale_change[]) RENAME TO analytics_apply_sale_changes_without_totals`,
    );
    await q.query(`
      CREATE FUNCTION analytics_apply_sale_changes(changes analytics_sale_change[]) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_apply_sale_changes_without_totals(changes);
        INSERT INTO analytics_client_totals AS t (company_id, client_id, currency, sales, amount)
        SELECT c.company_id, c.client_id, c.currency, sum(c.sign), sum(c.sign * c.amount)
        FROM unnest(changes) c JOIN companies co ON co.id = c.company_id
        WHERE c.status = 'paid'
        GROUP BY 1, 2, 3 HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0
        ORDER BY 1, 2, 3
        ON CONFLICT (company_id, client_id, currency)
        DO UPDATE SET sales = t.sales + excluded.sales, amount = t.amount + excluded.amount;
        DELETE FROM analytics_client_totals t
        USING (SELECT DISTINCT company_id, client_id, currency FROM unnest(changes) WHERE status = 'paid') k
        WHERE t.company_id = k.company_id AND t.client_id = k.client_id AND t.currency = k.currency AND t.sales = 0;
      END
      $$`);

    await q.query(
      `ALTER FUNCTION analytics_rebuild_company_from_sales(uuid) RENAME TO analytics_rebuild_company_from_sales_without_totals`,
    );
    await q.query(`
      CREATE FUNCTION analytics_rebuild_company_from_sales(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM analytics_rebuild_company_from_sales_without_totals(target);
        DELETE FROM analytics_client_totals WHERE company_id = target;
        INSERT INTO analytics_client_totals (company_id, client_id, currency, sales, amount)
        SELECT company_id, client_id, currency, sum(sales), sum(amount) FROM analytics_client_daily
        WHERE company_id = target GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION analytics_rebuild_company_from_sales(uuid)`);
    await q.query(
      `ALTER FUNCTION analytics_rebuild_company_from_sales_without_totals(uuid) RENAME TO analytics_rebuild_company_from_sales`,
    );
    await q.query(`DROP FUNCTION analytics_apply_sale_changes(analytics_sale_change[])`);
    await q.query(
      `ALTER FUNCTION analytics_apply_sale_changes_without_totals(analytics_sale_change[]) RENAME TO analytics_apply_sale_changes`,
    );
    await disableTenantSecurity(q, 'analytics_client_totals');
    await q.query(`DROP TABLE analytics_client_totals`);
  }
}
