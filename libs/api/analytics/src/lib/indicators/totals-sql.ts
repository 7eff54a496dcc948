/** The totals query shared by both sources: only the rows it starts from differ. */
import type { AnalyticsContext } from '../analytics-context';
import { count, SqlParams, type SqlRunner, withoutNestedLoops } from '../sql';
import { convertedSumSql, fxCte, rateColumns } from './conversion';
import { bucketSql, type RollupStatus, type Totals, type TotalsQuery } from './indicator-source';

/**
 * Runs the totals of `q` over `rows(p)`: a subquery of `(day, currency, status, sales, amount)`
 * for [q.from, q.to] and q.statuses.
 */
export async function runTotals(
  sql: SqlRunner,
  ctx: AnalyticsContext,
  q: TotalsQuery,
  rows: (p: SqlParams) => string,
): Promise<Totals> {
  const c = ctx.conversion;
  const p = new SqlParams();
  const rowsSql = rows(p);
  const fx = fxCte(c, q.from, q.to, p, 'SELECT DISTINCT currency, day FROM r');
  const bucket = bucketSql(q.buckets, 'r.day', q.from, (v) => p.add(v));
  const rate = rateColumns(c, 'r', p);
  const text = `
    WITH r AS MATERIALIZED (${rowsSql}),
    ${fx},
    x AS (
      SELECT ${bucket} AS bucket, r.status, r.currency, r.day, r.sales, r.amount, ${rate.rc} AS rc, ${rate.rt} AS rt
      FROM r ${rate.joins}
    )
    SELECT 'total' AS kind, t.bucket::text AS bucket, t.status, t.revenue, t.sales,
           NULL::text AS currency, NULL::text AS amount, NULL::text AS first_day, NULL::text AS last_day
    FROM (${convertedSumSql(c, 'x', ['bucket', 'status'])}) t
    UNION ALL
    SELECT 'unconverted', bucket::text, status, NULL, sum(sales)::bigint, currency::text, sum(amount)::text, min(day)::text, max(day)::text
    FROM x WHERE rc IS NULL OR rt IS NULL GROUP BY bucket, status, currency`;
  const result = await withoutNestedLoops<{
    kind: 'total' | 'unconverted';
    bucket: string;
    status: RollupStatus;
    revenue: string | null;
    sales: string;
    currency: string | null;
    amount: string | null;
    first_day: string | null;
    last_day: string | null;
  }>(sql, text, p.values);
  const totals: Totals = { totals: [], unconverted: [] };
  for (const row of result) {
    if (row.kind === 'total') {
      totals.totals.push({
        bucket: row.bucket,
        status: row.status,
        revenue: row.revenue ?? '0',
        salesCount: count(row.sales),
      });
    } else {
      totals.unconverted.push({
        bucket: row.bucket,
        status: row.status,
        currency: (row.currency ?? '').trim(),
        salesCount: count(row.sales),
        amount: row.amount ?? '0',
        firstDay: row.first_day ?? q.from,
        lastDay: row.last_day ?? q.to,
      });
    }
  }
  return totals;
}

/** `sold_at` bounds of the local days [from, to] in `tz` (both parameters added to `p`). */
export function localDayBounds(p: SqlParams, from: string, to: string, tz: string): { lower: string; upper: string } {
  const zone = p.add(tz);
  return {
    lower: `(${p.add(from)}::date::timestamp AT TIME ZONE ${zone})`,
    upper: `((${p.add(to)}::date + 1)::timestamp AT TIME ZONE ${zone})`,
  };
}
