/**
 * Indicators from the rollups of migration `AnalyticsRollups1764000000000` (see there for what each
 * table holds). Totals and buyer counts read a number of rows bounded by the days of the period
 * (times currencies and statuses), whatever the number of sales; top clients read the period's
 * client-days.
 */
import type { AnalyticsContext, Period } from '../analytics-context';
import { dayNumber } from '../calendar';
import { count, SqlParams, type SqlRunner, withoutNestedLoops } from '../sql';
import {
  convertedSumSql,
  convertibleSql,
  fxCte,
  hasUnconvertiblePaidSales,
  rateColumns,
  thresholdsSql,
} from './conversion';
import type { BuyerCounts, ClientTotal, IndicatorSource, Totals, TotalsQuery } from './indicator-source';
import { runTotals } from './totals-sql';

export class RollupSource implements IndicatorSource {
  totals(sql: SqlRunner, ctx: AnalyticsContext, q: TotalsQuery): Promise<Totals> {
    return runTotals(
      sql,
      ctx,
      q,
      (p) => `
      SELECT day, currency, status, sales, amount FROM analytics_sales_daily
      WHERE company_id = ${p.add(ctx.company.companyId)} AND day BETWEEN ${p.add(q.from)}::date AND ${p.add(q.to)}::date
        AND status = ANY(${p.add(q.statuses)}::text[])`,
    );
  }

  async buyers(sql: SqlRunner, ctx: AnalyticsContext, periods: readonly Period[]): Promise<BuyerCounts[]> {
    if (periods.length === 0) return [];
    const latest = periods.reduce((max, period) => (period.to > max ? period.to : max), periods[0].to);
    const p = new SqlParams();
    const parts = hasUnconvertiblePaidSales(ctx.conversion, ctx.firstPaidDays, latest)
      ? periods.map((period) => this.exactBuyersSql(ctx, period, p))
      : periods.map((period) => this.gridBuyersSql(ctx, period, p));
    const rows = await sql<{ k: number; b1: string; b2: string; new: string }>(
      parts.map((part, k) => `SELECT ${k} AS k, * FROM (${part}) q${k}`).join(' UNION ALL '),
      p.values,
    );
    return periods.map((_, k) => {
      const row = rows.find((r) => Number(r.k) === k);
      const buyers = count(row?.b1);
      return { buyers, newClients: count(row?.new), repeatBuyers: count(row?.b2) - buyers };
    });
  }

  /**
   * Buyer counts from the grid when every paid sale up to the period's end is counted (see the
   * migrations): b1 = Σ n1 and b2 = Σ n2 over the period's sales with p < from. Read directly over
   * the period's days, or — when fewer grid days follow the period than it has — as
   * (paid sales from `from` on) − (those with p ≥ from) − (those after `to` with p < from).
   * A sum over days with p < from reads the by-month grid for the months before from's month
   * (at most one row per month of history and day) and probes the exact grid, day by day, for the
   * days of from's month before from: its cost does not grow with the number of sales.
   */
  private gridBuyersSql(ctx: AnalyticsContext, period: Period, p: SqlParams): string {
    const last = ctx.lastBuyerDay;
    if (last === null || last < period.from) return `SELECT 0 AS b1, 0 AS b2, 0 AS new`;
    const id = p.add(ctx.company.companyId);
    const f = p.add(period.from);
    const t = p.add(period.to);
    const monthStart = `${period.from.slice(0, 8)}01`;
    // Added on first use: a parameter the statement does not use has no type and fails it.
    let monthStartParam: string | undefined;
    const before = (lo: string, hi: string) => {
      const ms = (monthStartParam ??= p.add(monthStart));
      return `
      SELECT coalesce(sum(n1), 0) AS n1, coalesce(sum(n2), 0) AS n2 FROM (
        SELECT n1, n2 FROM analytics_buyer_grid_months
        WHERE company_id = ${id} AND day BETWEEN ${lo} AND ${hi} AND prev_month < ${ms}::date
        ${
          monthStart === period.from
            ? ''
            : `UNION ALL
        SELECT g.n1, g.n2 FROM generate_series((${lo})::timestamp, (${hi})::timestamp, interval '1 day') AS d
        CROSS JOIN LATERAL (
          SELECT n1, n2 FROM analytics_buyer_grid
          WHERE company_id = ${id} AND day = d::date AND prev_day >= ${ms}::date AND prev_day < ${f}::date
        ) g`
        }
      ) x`;
    };
    const newSql = `(SELECT coalesce(sum(buyers), 0) FROM analytics_buyer_firsts
                     WHERE company_id = ${id} AND day BETWEEN ${f}::date AND ${t}::date)`;
    const periodDays = dayNumber(period.to) - dayNumber(period.from) + 1;
    const daysAfter = Math.max(0, dayNumber(last) - dayNumber(period.to));
    if (periodDays <= daysAfter) {
      const g = before(`${f}::date`, `${t}::date`);
      return `SELECT g.n1 AS b1, g.n2 AS b2, ${newSql} AS new FROM (${g}) g`;
    }
    const after = daysAfter > 0 ? before(`(${t}::date + 1)`, `${p.add(last)}::date`) : 'SELECT 0 AS n1, 0 AS n2';
    return `SELECT s.n - pr.n1 - g.n1 AS b1, s.n - pr.n2 - g.n2 AS b2, ${newSql} AS new
            FROM (SELECT coalesce(sum(sales), 0) AS n FROM analytics_sales_daily
                  WHERE company_id = ${id} AND day >= ${f}::date AND status = 'paid') s,
                 (SELECT coalesce(sum(n1), 0) AS n1, coalesce(sum(n2), 0) AS n2 FROM analytics_buyer_prev
                  WHERE company_id = ${id} AND prev_day >= ${f}::date) pr,
                 (${after}) g`;
  }

  /** Exact buyer counts from the client-days, for when some paid sales cannot be converted. */
  private exactBuyersSql(ctx: AnalyticsContext, period: Period, p: SqlParams): string {
    const id = p.add(ctx.company.companyId);
    const f = p.add(period.from);
    const th = thresholdsSql(ctx.conversion, p);
    return `WITH th AS (${th}),
       per AS (
         SELECT r.client_id, sum(r.sales) AS n
         FROM analytics_client_daily r LEFT JOIN th ON th.currency = r.currency
         WHERE r.company_id = ${id} AND r.day BETWEEN ${f}::date AND ${p.add(period.to)}::date AND ${convertibleSql('r')}
         GROUP BY r.client_id
       )
       SELECT count(*) AS b1, count(*) + count(*) FILTER (WHERE n >= 2) AS b2,
              count(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM analytics_client_daily h LEFT JOIN th ON th.currency = h.currency
                WHERE h.company_id = ${id} AND h.client_id = per.client_id AND h.day < ${f}::date AND ${convertibleSql('h')}
              )) AS new
       FROM per`;
  }

  /**
   * Top clients in two steps. First, per client, the paid amounts of the period in each currency
   * (convertible days only), from the client-days — no per-day rate join — bounded below and above
   * by the lowest and highest rate the period has for that currency. Every client whose upper
   * bound reaches the limit-th largest lower bound (with a 10⁻⁹ relative margin for float sums)
   * may belong to the answer; nobody else can. Then only those candidates are summed exactly
   * (numeric, each day at its own rate), which is what ranks and answers.
   */
  async topClients(sql: SqlRunner, ctx: AnalyticsContext, period: Period, limit: number): Promise<ClientTotal[]> {
    const p = new SqlParams();
    const id = p.add(ctx.company.companyId);
    const f = p.add(period.from);
    const t = p.add(period.to);
    const n = p.add(limit);
    const pairs = `SELECT DISTINCT currency, day FROM analytics_sales_daily
       WHERE company_id = ${id} AND day BETWEEN ${f}::date AND ${t}::date AND status IN ('paid', 'return:paid')`;
    // Paid sales and, negated, paid returns per client-day (returns are no sales).
    const clientDays = (where: string) => `
      SELECT d.client_id, d.day, d.currency, d.sales, d.amount FROM analytics_client_daily d WHERE ${where}
      UNION ALL
      SELECT d.client_id, d.day, d.currency, 0, -d.amount FROM analytics_client_returns d WHERE ${where}`;
    const fx = fxCte(ctx.conversion, period.from, period.to, p, pairs);
    const th = thresholdsSql(ctx.conversion, p);
    const pairRate = rateColumns(ctx.conversion, 'pr', p);
    const rate = rateColumns(ctx.conversion, 'r', p);
    const rows = await withoutNestedLoops<{ client_id: string; revenue: string; sales: string }>(
      sql,
      `WITH ${fx},
       th AS (${th}),
       rate_range AS MATERIALIZED (
         SELECT pr.currency, min(${pairRate.rc} / ${pairRate.rt})::float8 AS lo, max(${pairRate.rc} / ${pairRate.rt})::float8 AS hi,
                min(coalesce(th.from_day, 'infinity'::date)) AS from_day
         FROM (${pairs}) pr LEFT JOIN th ON th.currency = pr.currency ${pairRate.joins}
         WHERE ${pairRate.rc} IS NOT NULL AND ${pairRate.rt} IS NOT NULL
         GROUP BY pr.currency
       ),
       scored AS MATERIALIZED (
         SELECT r.client_id,
                sum(r.amount::float8 * CASE WHEN r.amount >= 0 THEN rr.lo ELSE rr.hi END) AS lo,
                sum(r.amount::float8 * CASE WHEN r.amount >= 0 THEN rr.hi ELSE rr.lo END) AS hi
         FROM (${clientDays(`d.company_id = ${id} AND d.day BETWEEN ${f}::date AND ${t}::date`)}) r
         JOIN rate_range rr ON rr.currency = r.currency AND r.day >= rr.from_day
         GROUP BY r.client_id
       ),
       cut AS (SELECT lo FROM scored ORDER BY lo DESC LIMIT 1 OFFSET ${n} - 1),
       candidates AS (
         SELECT client_id FROM scored
         WHERE hi >= coalesce((SELECT lo - abs(lo) * 1e-9 FROM cut), '-Infinity'::float8)
       ),
       x AS (
         SELECT r.client_id, r.sales, r.amount, ${rate.rc} AS rc, ${rate.rt} AS rt
         FROM candidates c
         -- OFFSET 0 keeps this a probe of the client's days per candidate (there are few), through
         -- the primary key: "day + 0" leaves the (company, day) index nothing to search by, which
         -- without statistics looked as cheap and scanned the whole period per candidate.
         CROSS JOIN LATERAL (
           ${clientDays(`d.company_id = ${id} AND d.client_id = c.client_id AND d.day + 0 BETWEEN ${f}::date AND ${t}::date`)}
           OFFSET 0
         ) r
         ${rate.joins}
       )
       ${convertedSumSql(ctx.conversion, 'x', ['client_id'])}
       ORDER BY exact DESC, client_id LIMIT ${n}`,
      p.values,
    );
    return rows.map((r) => ({ clientId: r.client_id, revenue: r.revenue, salesCount: count(r.sales) }));
  }
}
