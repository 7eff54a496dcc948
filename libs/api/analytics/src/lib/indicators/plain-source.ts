/**
 * Indicators aggregated straight from `sales`: the obviously-correct reference the rollups are
 * tested and benchmarked against. Cost grows with the sales of the period (buyers: with every
 * paid sale up to the period's end). It is also what answers a filtered read (`ctx.filter`: some
 * clients, some currencies), the same statements with the filter's predicates added — so a
 * filtered buyer count sees only the selected sales' history (a client is new when none of its
 * earlier paid sales is selected).
 */
import type { AnalyticsContext, Period } from '../analytics-context';
import { count, SqlParams, type SqlRunner, withoutNestedLoops } from '../sql';
import { convertedSumSql, convertibleSql, fxCte, rateColumns, thresholdsSql } from './conversion';
import {
  type BuyerCounts,
  type ClientTotal,
  type IndicatorSource,
  rollupStatusSql,
  type Totals,
  type TotalsQuery,
} from './indicator-source';
import { saleFilterSql } from './sale-filter';
import { localDayBounds, runTotals } from './totals-sql';

export class PlainSource implements IndicatorSource {
  totals(sql: SqlRunner, ctx: AnalyticsContext, q: TotalsQuery): Promise<Totals> {
    const { timeZone } = ctx.company;
    const { companyId } = ctx.company.scope;
    return runTotals(sql, ctx, q, (p) => {
      const bounds = localDayBounds(p, q.from, q.to, timeZone);
      return `
        SELECT (sold_at AT TIME ZONE ${p.add(timeZone)})::date AS day, currency, ${rollupStatusSql('sales')} AS status,
               count(*) AS sales, sum(amount) AS amount
        FROM sales
        WHERE company_id = ${p.add(companyId)} AND sold_at >= ${bounds.lower} AND sold_at < ${bounds.upper}
          AND ${rollupStatusSql('sales')} = ANY(${p.add(q.statuses)}::text[])${saleFilterSql(ctx.filter, 'sales', p)}
        GROUP BY 1, 2, 3`;
    });
  }

  async buyers(sql: SqlRunner, ctx: AnalyticsContext, periods: readonly Period[]): Promise<BuyerCounts[]> {
    const results: BuyerCounts[] = [];
    for (const period of periods) {
      const p = new SqlParams();
      const tz = p.add(ctx.company.timeZone);
      const f = p.add(period.from);
      const [row] = await sql<{ buyers: string; repeat: string; new: string }>(
        `WITH th AS (${thresholdsSql(ctx.conversion, p)}),
         s AS (
           SELECT x.client_id, x.day FROM (
             SELECT client_id, currency, (sold_at AT TIME ZONE ${tz})::date AS day FROM sales
             WHERE company_id = ${p.add(ctx.company.scope.companyId)} AND status = 'paid' AND kind = 'sale'
               AND sold_at < ((${p.add(period.to)}::date + 1)::timestamp AT TIME ZONE ${tz})${saleFilterSql(ctx.filter, 'sales', p)}
           ) x LEFT JOIN th ON th.currency = x.currency
           WHERE ${convertibleSql('x')}
         ),
         per AS (
           SELECT client_id, count(*) FILTER (WHERE day >= ${f}::date) AS n, bool_or(day < ${f}::date) AS before
           FROM s GROUP BY client_id
         )
         SELECT count(*) FILTER (WHERE n >= 1) AS buyers, count(*) FILTER (WHERE n >= 2) AS repeat,
                count(*) FILTER (WHERE n >= 1 AND NOT before) AS new
         FROM per`,
        p.values,
      );
      results.push({ buyers: count(row.buyers), newClients: count(row.new), repeatBuyers: count(row.repeat) });
    }
    return results;
  }

  async topClients(sql: SqlRunner, ctx: AnalyticsContext, period: Period, limit: number): Promise<ClientTotal[]> {
    const { timeZone } = ctx.company;
    const { companyId } = ctx.company.scope;
    const p = new SqlParams();
    const bounds = localDayBounds(p, period.from, period.to, timeZone);
    // Paid returns count against their client on their own day; they are not sales.
    const rows0 = `SELECT client_id, currency, (sold_at AT TIME ZONE ${p.add(timeZone)})::date AS day,
         CASE WHEN kind = 'sale' THEN 1 ELSE 0 END AS sales, CASE WHEN kind = 'sale' THEN amount ELSE -amount END AS amount
       FROM sales
       WHERE company_id = ${p.add(companyId)} AND status = 'paid' AND sold_at >= ${bounds.lower} AND sold_at < ${bounds.upper}${saleFilterSql(ctx.filter, 'sales', p)}`;
    const fx = fxCte(ctx.conversion, period.from, period.to, p, 'SELECT DISTINCT currency, day FROM r');
    const rate = rateColumns(ctx.conversion, 'r', p);
    const rows = await withoutNestedLoops<{ client_id: string; revenue: string; sales: string }>(
      sql,
      `WITH r AS MATERIALIZED (${rows0}),
       ${fx},
       x AS (SELECT r.client_id, r.sales, r.amount, ${rate.rc} AS rc, ${rate.rt} AS rt FROM r ${rate.joins})
       ${convertedSumSql(ctx.conversion, 'x', ['client_id'])}
       ORDER BY exact DESC, client_id LIMIT ${p.add(limit)}`,
      p.values,
    );
    return rows.map((r) => ({ clientId: r.client_id, revenue: r.revenue, salesCount: count(r.sales) }));
  }

  productCells(_sql: SqlRunner, ctx: AnalyticsContext, period: Period, p: SqlParams): Promise<string> {
    return Promise.resolve(this.productCellsOf(ctx, period, p));
  }

  /** The cells of the period's days, or only of `days` (local days within the period) when given. */
  productCellsOf(ctx: AnalyticsContext, period: Period, p: SqlParams, days?: readonly string[]): string {
    const { timeZone } = ctx.company;
    const id = p.add(ctx.company.scope.companyId);
    const zone = p.add(timeZone);
    // Some days: one constant range from the first to the last (an index range even without
    // statistics), then only those days.
    const range = days
      ? { from: days.reduce((a, b) => (a < b ? a : b)), to: days.reduce((a, b) => (a > b ? a : b)) }
      : period;
    const bounds = localDayBounds(p, range.from, range.to, timeZone);
    const only = days ? ` AND (sold_at AT TIME ZONE ${zone})::date = ANY(${p.add(days)}::date[])` : '';
    const sales = `(
              SELECT id, currency, (sold_at AT TIME ZONE ${zone})::date AS day, CASE WHEN kind = 'return' THEN -1 ELSE 1 END AS sign
              FROM sales
              WHERE company_id = ${id} AND status = 'paid' AND sold_at >= ${bounds.lower} AND sold_at < ${bounds.upper}${saleFilterSql(ctx.filter, 'sales', p)}${only}
            ) s`;
    // The items of each sale through the primary key of `sale_items` (OFFSET 0 keeps it a probe,
    // whatever the planner expects of the sales); the same cells as `analytics_product_cells_of`.
    return `SELECT s.day, s.currency, coalesce('sku:' || si.sku, 'name:' || si.name) AS product, min(si.sku) AS sku,
                   (array_agg(si.name ORDER BY s.id, si.position))[1] AS name,
                   (array_agg(s.id ORDER BY s.id, si.position))[1] AS name_sale,
                   sum(s.sign * si.quantity) AS quantity, sum(s.sign * si.quantity * si.unit_price) AS amount,
                   (count(DISTINCT s.id) FILTER (WHERE s.sign > 0))::int AS sales
            FROM ${sales}
            CROSS JOIN LATERAL (
              SELECT sku, name, quantity, unit_price, position FROM sale_items WHERE company_id = ${id} AND sale_id = s.id OFFSET 0
            ) si
            GROUP BY 1, 2, 3`;
  }
}
