/**
 * Indicators from the rollups of migration `AnalyticsRollups1764000000000` (see there for what each
 * table holds). Totals and buyer counts read a number of rows bounded by the days of the period
 * (times currencies and statuses), whatever the number of sales; top clients read the period's
 * client-days. The rollups hold every sale: a filtered read (`ctx.filter`, some clients or
 * currencies) is answered by {@link PlainSource}, their reference, with the filter's predicates.
 */
import type { AnalyticsContext, Period } from '../analytics-context';
import { dayNumber } from '../calendar';
import { count, SqlParams, type SqlRunner, withoutNestedLoops } from '../sql';
import {
  convertedSumSql,
  convertibleSql,
  fxCte,
  hasUnconvertiblePaidSales,
  MINUS_INFINITY,
  PLUS_INFINITY,
  rateColumns,
  thresholdsSql,
} from './conversion';
import {
  type BuyerCounts,
  type ClientTotal,
  type IndicatorSource,
  PRODUCT_CELL_COLUMNS,
  type Totals,
  type TotalsQuery,
} from './indicator-source';
import { pendingDailySql } from './pending-changes';
import { PlainSource } from './plain-source';
import { localDayBounds, runTotals } from './totals-sql';

/** Clients summed exactly first when top clients are bounded by whole-history totals. */
const HEAD = (limit: number) => 2 * limit + 20;
/** Beyond this many clients reaching the cut, the period's client-days are scanned instead. */
const MAX_CANDIDATES = 2_000;
/** Share of the history (first paid day to the last) a period must cover to try the totals first. */
const LONG_PERIOD_SHARE = 0.25;

/** True when `period` covers at least {@link LONG_PERIOD_SHARE} of the company's days with paid sales. */
export function coversHistory(ctx: AnalyticsContext, period: Period): boolean {
  const last = ctx.lastBuyerDay;
  const firsts = [...ctx.firstPaidDays.values()];
  if (last === null || firsts.length === 0) return false;
  const first = firsts.reduce((a, b) => (a < b ? a : b));
  const history = dayNumber(last) - dayNumber(first) + 1;
  const from = period.from > first ? period.from : first;
  const to = period.to < last ? period.to : last;
  const covered = dayNumber(to) - dayNumber(from) + 1;
  return covered > 0 && covered >= history * LONG_PERIOD_SHARE;
}

export class RollupSource implements IndicatorSource {
  private readonly plain = new PlainSource();

  /**
   * `longPeriodTotals: false` always scans the period's client-days for top clients (what was done
   * before the whole-history bound; the benchmark compares both).
   */
  constructor(private readonly options: { longPeriodTotals?: boolean } = {}) {}

  totals(sql: SqlRunner, ctx: AnalyticsContext, q: TotalsQuery): Promise<Totals> {
    if (ctx.filter) return this.plain.totals(sql, ctx, q);
    return runTotals(sql, ctx, q, (p) => {
      const statuses = p.add(q.statuses);
      const folded = `
      SELECT day, currency, status, sales, amount FROM analytics_sales_daily
      WHERE company_id = ${p.add(ctx.company.scope.companyId)} AND day BETWEEN ${p.add(q.from)}::date AND ${p.add(q.to)}::date
        AND status = ANY(${statuses}::text[])`;
      if (!ctx.pending) return folded;
      // The changes not folded yet, applied on the fly (see pending-changes.ts).
      return `
      SELECT day, currency, status, sum(sales)::bigint AS sales, sum(amount) AS amount FROM (
        ${folded}
        UNION ALL
        ${pendingDailySql(ctx, p, q.from, q.to, statuses)}
      ) u GROUP BY day, currency, status HAVING sum(sales) <> 0`;
    });
  }

  async buyers(sql: SqlRunner, ctx: AnalyticsContext, periods: readonly Period[]): Promise<BuyerCounts[]> {
    if (ctx.filter) return this.plain.buyers(sql, ctx, periods);
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
    const folded = periods.map((_, k) => {
      const row = rows.find((r) => Number(r.k) === k);
      const buyers = count(row?.b1);
      return { buyers, newClients: count(row?.new), repeatBuyers: count(row?.b2) - buyers };
    });
    if (!ctx.pending) return folded;
    const changes = await this.pendingBuyerChanges(sql, ctx, periods, latest);
    return folded.map((b, k) => ({
      buyers: b.buyers + changes[k].buyers,
      newClients: b.newClients + changes[k].newClients,
      repeatBuyers: b.repeatBuyers + changes[k].repeatBuyers,
    }));
  }

  /**
   * What the pending changes of paid sales change in the buyer counts of each period: for every
   * client they touch, its contribution (buyer, new, 2+ sales) computed from its folded client-days
   * and from those plus the changes, the difference summed. Every other client's contribution is
   * what the folded rollups already count. Convertibility filters both sides alike, so this is exact
   * on the grid path (where every paid sale up to the periods' end converts) and the exact path.
   */
  private async pendingBuyerChanges(
    sql: SqlRunner,
    ctx: AnalyticsContext,
    periods: readonly Period[],
    latest: string,
  ): Promise<BuyerCounts[]> {
    const p = new SqlParams();
    const id = p.add(ctx.company.scope.companyId);
    const last = p.add(latest);
    const rows = await sql<{ k: number; buyers: string; repeat: string; new: string }>(
      `WITH th AS (${thresholdsSql(ctx.conversion, p)}),
       pr AS (
         SELECT * FROM unnest(${p.add(periods.map((_, k) => k))}::int[], ${p.add(periods.map((x) => x.from))}::date[],
                              ${p.add(periods.map((x) => x.to))}::date[]) AS pr (k, f, t)
       ),
       pend AS MATERIALIZED (
         SELECT client_id, day, currency, sum(sign)::bigint AS n FROM (
           SELECT client_id, (sold_at AT TIME ZONE ${p.add(ctx.company.timeZone)})::date AS day, currency, sign
           FROM analytics_pending_changes WHERE company_id = ${id} AND status = 'paid'
         ) c WHERE day <= ${last}::date GROUP BY 1, 2, 3
       ),
       old AS MATERIALIZED (
         SELECT d.client_id, d.day, d.currency, d.sales AS n
         FROM (SELECT DISTINCT client_id FROM pend) a
         CROSS JOIN LATERAL (
           SELECT client_id, day, currency, sales FROM analytics_client_daily
           WHERE company_id = ${id} AND client_id = a.client_id AND day <= ${last}::date OFFSET 0
         ) d
       ),
       new AS (
         SELECT client_id, day, currency, sum(n) AS n FROM (SELECT * FROM old UNION ALL SELECT * FROM pend) u
         GROUP BY 1, 2, 3 HAVING sum(n) <> 0
       ),
       per AS (
         SELECT pr.k, r.side, r.client_id, coalesce(sum(r.n) FILTER (WHERE r.day >= pr.f), 0) AS inp,
                bool_or(r.day < pr.f) AS before
         FROM (SELECT 1 AS side, n.* FROM new n UNION ALL SELECT -1, o.* FROM old o) r
         LEFT JOIN th ON th.currency = r.currency
         JOIN pr ON r.day <= pr.t
         WHERE ${convertibleSql('r')}
         GROUP BY 1, 2, 3
       )
       SELECT k, coalesce(sum(side) FILTER (WHERE inp >= 1), 0) AS buyers,
              coalesce(sum(side) FILTER (WHERE inp >= 2), 0) AS repeat,
              coalesce(sum(side) FILTER (WHERE inp >= 1 AND NOT before), 0) AS new
       FROM per GROUP BY k`,
      p.values,
    );
    return periods.map((_, k) => {
      const row = rows.find((r) => Number(r.k) === k);
      return { buyers: count(row?.buyers), newClients: count(row?.new), repeatBuyers: count(row?.repeat) };
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
    const id = p.add(ctx.company.scope.companyId);
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
        SELECT g.n1, g.n2
        FROM (SELECT d::date AS day FROM generate_series((${lo})::timestamp, (${hi})::timestamp, interval '1 day') AS d OFFSET 0) dd
        CROSS JOIN LATERAL (
          -- A probe of the grid's key per day. OFFSET 0 keeps it one: pulled up into a join, with
          -- statistics the planner chose a parallel scan of the whole grid (18 of the 30-day
          -- summary's 27 ms at 1M sales). The day is cast in its own subquery (OFFSET 0 there too):
          -- under row-level security a condition calling a function that is not leakproof
          -- (timestamp → date) cannot be an index condition, and each probe scanned the table.
          SELECT n1, n2 FROM analytics_buyer_grid
          WHERE company_id = ${id} AND day = dd.day AND prev_day >= ${ms}::date AND prev_day < ${f}::date
          OFFSET 0
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

  /**
   * Exact buyer counts from the client-days, for when some paid sales cannot be converted: per
   * client, its counted (convertible) paid sales of the period and whether it had any before.
   * Read over the period's client-days, or — when the days outside the period are fewer — by
   * complement: each client's whole-history paid sales in the currencies that convert at all
   * (`analytics_client_totals`, one row per client and currency) minus its client-days outside the
   * period and its unconvertible ones inside it, so a long period reads the few client-days around
   * it instead of every one of its own (1.3 s → ~0.2 s for three years at 1,000,000 sales).
   */
  private exactBuyersSql(ctx: AnalyticsContext, period: Period, p: SqlParams): string {
    const last = ctx.lastBuyerDay;
    const firsts = [...ctx.firstPaidDays.values()];
    if (last === null || firsts.length === 0 || last < period.from) return `SELECT 0 AS b1, 0 AS b2, 0 AS new`;
    const first = firsts.reduce((a, b) => (a < b ? a : b));
    const periodDays = dayNumber(period.to) - dayNumber(period.from) + 1;
    const outsideDays =
      Math.max(0, dayNumber(period.from) - dayNumber(first)) + Math.max(0, dayNumber(last) - dayNumber(period.to));
    return outsideDays < periodDays
      ? this.exactBuyersByComplementSql(ctx, period, p)
      : this.exactBuyersOverPeriodSql(ctx, period, p);
  }

  private exactBuyersOverPeriodSql(ctx: AnalyticsContext, period: Period, p: SqlParams): string {
    const id = p.add(ctx.company.scope.companyId);
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
   * The complement form of {@link exactBuyersOverPeriodSql}: only currencies with a threshold (a day
   * from which they convert) take part; a client's counted sales of the period are its total in
   * them minus its client-days before the period, after it, and inside it before the threshold.
   * Each range is its own index range scan of `(company_id, day)`.
   */
  private exactBuyersByComplementSql(ctx: AnalyticsContext, period: Period, p: SqlParams): string {
    const id = p.add(ctx.company.scope.companyId);
    const f = p.add(period.from);
    const t = p.add(period.to);
    const th = thresholdsSql(ctx.conversion, p);
    // The latest finite threshold after `from`: inside the period, days before it may not convert.
    const inside = [...ctx.conversion.thresholds.values()]
      .filter((d) => d !== PLUS_INFINITY && d !== MINUS_INFINITY && d > period.from)
      .reduce<string | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
    const cols = 'client_id, day, currency, sales';
    const ranges = [
      `SELECT ${cols} FROM analytics_client_daily WHERE company_id = ${id} AND day < ${f}::date`,
      `SELECT ${cols} FROM analytics_client_daily WHERE company_id = ${id} AND day > ${t}::date`,
      ...(inside === undefined
        ? []
        : [
            `SELECT ${cols} FROM analytics_client_daily
             WHERE company_id = ${id} AND day >= ${f}::date AND day <= ${t}::date AND day < ${p.add(inside)}::date`,
          ]),
    ];
    return `WITH th AS (SELECT * FROM (${th}) a WHERE from_day < 'infinity'::date),
       tot AS (
         SELECT x.client_id, sum(x.sales) AS n
         FROM analytics_client_totals x JOIN th ON th.currency = x.currency
         WHERE x.company_id = ${id}
         GROUP BY x.client_id
       ),
       outside AS (
         SELECT r.client_id,
                sum(r.sales) FILTER (WHERE NOT (r.day >= ${f}::date AND r.day <= ${t}::date AND ${convertibleSql('r')})) AS n,
                coalesce(sum(r.sales) FILTER (WHERE r.day < ${f}::date AND ${convertibleSql('r')}), 0) AS before
         FROM (${ranges.join(' UNION ALL ')}) r JOIN th ON th.currency = r.currency
         GROUP BY r.client_id
       ),
       per AS (
         SELECT tot.n - coalesce(o.n, 0) AS n, coalesce(o.before, 0) AS before
         FROM tot LEFT JOIN outside o ON o.client_id = tot.client_id
       )
       SELECT count(*) FILTER (WHERE n >= 1) AS b1,
              count(*) FILTER (WHERE n >= 1) + count(*) FILTER (WHERE n >= 2) AS b2,
              count(*) FILTER (WHERE n >= 1 AND before = 0) AS new
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
    if (ctx.filter) return this.plain.topClients(sql, ctx, period, limit);
    if (this.options.longPeriodTotals !== false && !ctx.pending && coversHistory(ctx, period)) {
      const bounded = await this.topClientsByTotals(sql, ctx, period, limit);
      if (bounded) return bounded;
    }
    return this.topClientsByPeriodScan(sql, ctx, period, limit);
  }

  /**
   * Top clients over a period that covers much of the history (ADR 0003 "Top clients over long
   * periods"): a client's revenue in the period is at most its whole-history paid amount per currency
   * (`analytics_client_totals`) at the period's highest rate — close to the truth when the period is
   * most of the history. The {@link HEAD} clients with the highest bounds are summed exactly; their
   * limit-th revenue is the cut, and every client whose bound reaches it is summed exactly too. Exact
   * when the cut is positive (a client without paid sales has no bound, and only returns: at most
   * zero); undefined — the caller scans the period instead — when it is not, or when more than
   * {@link MAX_CANDIDATES} clients reach the cut. Reads one row per client and currency plus the
   * candidates' client-days, instead of every client-day of the period.
   */
  private async topClientsByTotals(
    sql: SqlRunner,
    ctx: AnalyticsContext,
    period: Period,
    limit: number,
  ): Promise<ClientTotal[] | undefined> {
    const p = new SqlParams();
    const id = p.add(ctx.company.scope.companyId);
    const f = p.add(period.from);
    const t = p.add(period.to);
    const n = p.add(limit);
    const pairs = `SELECT DISTINCT currency, day FROM analytics_sales_daily
       WHERE company_id = ${id} AND day BETWEEN ${f}::date AND ${t}::date AND status IN ('paid', 'return:paid')`;
    const fx = fxCte(ctx.conversion, period.from, period.to, p, pairs);
    const th = thresholdsSql(ctx.conversion, p);
    const pairRate = rateColumns(ctx.conversion, 'pr', p);
    const rate = rateColumns(ctx.conversion, 'r', p);
    // A client's paid sales and, negated, paid returns of the period, day by day, through the keys.
    const probe = (c: string) => `CROSS JOIN LATERAL (
           SELECT d.client_id, d.day, d.currency, d.sales, d.amount FROM analytics_client_daily d
           WHERE d.company_id = ${id} AND d.client_id = ${c}.client_id AND d.day + 0 BETWEEN ${f}::date AND ${t}::date
           UNION ALL
           SELECT d.client_id, d.day, d.currency, 0, -d.amount FROM analytics_client_returns d
           WHERE d.company_id = ${id} AND d.client_id = ${c}.client_id AND d.day + 0 BETWEEN ${f}::date AND ${t}::date
           OFFSET 0
         ) r`;
    const rows = await withoutNestedLoops<{ client_id: string; revenue: string; sales: string; ok: boolean }>(
      sql,
      `WITH ${fx},
       th AS (${th}),
       rate_range AS MATERIALIZED (
         SELECT pr.currency, max(${pairRate.rc} / ${pairRate.rt})::float8 AS hi
         FROM (${pairs}) pr LEFT JOIN th ON th.currency = pr.currency ${pairRate.joins}
         WHERE ${pairRate.rc} IS NOT NULL AND ${pairRate.rt} IS NOT NULL
         GROUP BY pr.currency
       ),
       bound AS MATERIALIZED (
         SELECT b.client_id, sum(b.amount::float8 * rr.hi) AS hi
         FROM analytics_client_totals b JOIN rate_range rr ON rr.currency = b.currency
         WHERE b.company_id = ${id}
         GROUP BY b.client_id
       ),
       head AS MATERIALIZED (SELECT client_id FROM bound ORDER BY hi DESC, client_id LIMIT ${p.add(HEAD(limit))}),
       head_x AS (
         SELECT r.client_id, r.sales, r.amount, ${rate.rc} AS rc, ${rate.rt} AS rt
         FROM head c ${probe('c')} ${rate.joins}
       ),
       head_sums AS MATERIALIZED (${convertedSumSql(ctx.conversion, 'head_x', ['client_id'])}),
       cut AS (SELECT exact::float8 AS v FROM head_sums ORDER BY exact DESC LIMIT 1 OFFSET ${n} - 1),
       candidates AS MATERIALIZED (
         SELECT client_id FROM bound WHERE hi >= (SELECT v - abs(v) * 1e-9 FROM cut)
       ),
       ok AS (
         SELECT coalesce((SELECT v > 0 FROM cut), false)
                AND (SELECT count(*) FROM candidates) <= ${p.add(MAX_CANDIDATES)} AS ok
       ),
       x AS (
         SELECT r.client_id, r.sales, r.amount, ${rate.rc} AS rc, ${rate.rt} AS rt
         FROM candidates c ${probe('c')} ${rate.joins}
         WHERE (SELECT ok FROM ok)
       )
       SELECT s.*, (SELECT ok FROM ok) AS ok FROM (${convertedSumSql(ctx.conversion, 'x', ['client_id'])}) s
       ORDER BY exact DESC, client_id LIMIT ${n}`,
      p.values,
    );
    if (rows.length === 0 || !rows[0].ok) return undefined;
    return rows.map((r) => ({ clientId: r.client_id, revenue: r.revenue, salesCount: count(r.sales) }));
  }

  private async topClientsByPeriodScan(
    sql: SqlRunner,
    ctx: AnalyticsContext,
    period: Period,
    limit: number,
  ): Promise<ClientTotal[]> {
    const p = new SqlParams();
    const id = p.add(ctx.company.scope.companyId);
    const f = p.add(period.from);
    const t = p.add(period.to);
    const n = p.add(limit);
    const pending = ctx.pending !== undefined;
    // Paid sales and, negated, paid returns per client-day (returns are no sales).
    const foldedDays = (where: string) => `
      SELECT d.client_id, d.day, d.currency, d.sales, d.amount FROM analytics_client_daily d WHERE ${where}
      UNION ALL
      SELECT d.client_id, d.day, d.currency, 0, -d.amount FROM analytics_client_returns d WHERE ${where}`;
    // With changes not folded yet (pending-changes.ts): the clients they touch (aff) get their
    // client-days of the period recomputed from the folded ones plus the changes (merged); every
    // other client's client-days are the folded ones.
    const bounds = pending ? localDayBounds(p, period.from, period.to, ctx.company.timeZone) : undefined;
    const pendingCtes = bounds
      ? `aff AS MATERIALIZED (
         SELECT DISTINCT client_id FROM analytics_pending_changes
         WHERE company_id = ${id} AND status IN ('paid', 'return:paid') AND sold_at >= ${bounds.lower} AND sold_at < ${bounds.upper}
       ),
       merged AS MATERIALIZED (
         SELECT client_id, day, currency, sum(sales)::bigint AS sales, sum(amount) AS amount FROM (
           SELECT d.client_id, d.day, d.currency, false AS ret, d.sales AS n, d.sales, d.amount
           FROM aff CROSS JOIN LATERAL (
             SELECT client_id, day, currency, sales, amount FROM analytics_client_daily
             WHERE company_id = ${id} AND client_id = aff.client_id AND day + 0 BETWEEN ${f}::date AND ${t}::date OFFSET 0
           ) d
           UNION ALL
           SELECT d.client_id, d.day, d.currency, true, d.returns, 0, -d.amount
           FROM aff CROSS JOIN LATERAL (
             SELECT client_id, day, currency, returns, amount FROM analytics_client_returns
             WHERE company_id = ${id} AND client_id = aff.client_id AND day + 0 BETWEEN ${f}::date AND ${t}::date OFFSET 0
           ) d
           UNION ALL
           SELECT c.client_id, (c.sold_at AT TIME ZONE ${p.add(ctx.company.timeZone)})::date, c.currency, c.status <> 'paid', c.sign,
                  CASE WHEN c.status = 'paid' THEN c.sign ELSE 0 END,
                  CASE WHEN c.status = 'paid' THEN c.sign * c.amount ELSE -c.sign * c.amount END
           FROM analytics_pending_changes c
           WHERE c.company_id = ${id} AND c.status IN ('paid', 'return:paid')
             AND c.sold_at >= ${bounds.lower} AND c.sold_at < ${bounds.upper}
         ) u GROUP BY client_id, day, currency, ret HAVING sum(n) <> 0
       ),`
      : '';
    const unaffected = (d: string) =>
      pending ? ` AND NOT EXISTS (SELECT 1 FROM aff WHERE aff.client_id = ${d}.client_id)` : '';
    const clientDays = (where: string) =>
      pending
        ? `${foldedDays(`${where}${unaffected('d')}`)}
      UNION ALL
      SELECT client_id, day, currency, sales, amount FROM merged`
        : foldedDays(where);
    const pairs = `SELECT DISTINCT currency, day FROM analytics_sales_daily
       WHERE company_id = ${id} AND day BETWEEN ${f}::date AND ${t}::date AND status IN ('paid', 'return:paid')
       ${pending ? 'UNION SELECT currency, day FROM merged' : ''}`;
    const fx = fxCte(ctx.conversion, period.from, period.to, p, pairs);
    const th = thresholdsSql(ctx.conversion, p);
    const pairRate = rateColumns(ctx.conversion, 'pr', p);
    const rate = rateColumns(ctx.conversion, 'r', p);
    const rows = await withoutNestedLoops<{ client_id: string; revenue: string; sales: string }>(
      sql,
      `WITH ${pendingCtes} ${fx},
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
           ${foldedDays(`d.company_id = ${id} AND d.client_id = c.client_id AND d.day + 0 BETWEEN ${f}::date AND ${t}::date${unaffected('c')}`)}
           OFFSET 0
         ) r
         ${rate.joins}
         ${
           pending
             ? `UNION ALL
         SELECT r.client_id, r.sales, r.amount, ${rate.rc}, ${rate.rt}
         FROM merged r ${rate.joins}
         WHERE r.client_id IN (SELECT client_id FROM candidates)`
             : ''
         }
       )
       ${convertedSumSql(ctx.conversion, 'x', ['client_id'])}
       ORDER BY exact DESC, client_id LIMIT ${n}`,
      p.values,
    );
    return rows.map((r) => ({ clientId: r.client_id, revenue: r.revenue, salesCount: count(r.sales) }));
  }

  /**
   * The folded product cells of the period's clean days, and the cells of its days with unfolded
   * changes computed from the sales themselves (migration `AnalyticsProductDaily1764700000000`): a
   * day is unfolded when the snapshot sees it in `analytics_product_dirty` or an hour of it in
   * `analytics_product_changes` (an hour may start the day before). The fold recomputes a day and
   * drops it from both in one transaction, so each day is counted once, folded or live. The
   * unfolded days are read first (the snapshot is the same), so the live part is a constant range
   * of the sales index, or absent. (Not `analytics_product_cells_of`, which the fold uses: a SQL
   * function's statement is planned generically, and without statistics it ANDed every probe of a
   * sale's items with a bitmap of all the company's items — 1.3 s for 30 days at 100,000 sales.
   * Nor bounds taken from a subquery: the planner kept the period's constant range as the index
   * condition and filtered, or chose a sequential scan.)
   */
  async productCells(sql: SqlRunner, ctx: AnalyticsContext, period: Period, p: SqlParams): Promise<string> {
    if (ctx.filter) return this.plain.productCellsOf(ctx, period, p);
    const q = new SqlParams();
    const id = q.add(ctx.company.scope.companyId);
    const tz = q.add(ctx.company.timeZone);
    const from = `${q.add(period.from)}::date`;
    const to = `${q.add(period.to)}::date`;
    const bounds = localDayBounds(q, period.from, period.to, ctx.company.timeZone);
    const unfolded = (
      await sql<{ day: string }>(
        `SELECT d.day::text AS day FROM analytics_product_dirty d WHERE d.company_id = ${id} AND d.day BETWEEN ${from} AND ${to}
         UNION
         SELECT h.day::text FROM analytics_product_changes c
         CROSS JOIN LATERAL (VALUES ((c.hour AT TIME ZONE ${tz})::date),
                                    (((c.hour + interval '1 hour' - interval '1 microsecond') AT TIME ZONE ${tz})::date)) h (day)
         WHERE c.company_id = ${id} AND c.hour > ${bounds.lower} - interval '1 hour' AND c.hour < ${bounds.upper}
           AND h.day BETWEEN ${from} AND ${to}`,
        q.values,
      )
    ).map((r) => r.day);
    const folded = `SELECT ${PRODUCT_CELL_COLUMNS} FROM analytics_product_daily f
            WHERE f.company_id = ${p.add(ctx.company.scope.companyId)}
              AND f.day BETWEEN ${p.add(period.from)}::date AND ${p.add(period.to)}::date`;
    if (unfolded.length === 0) return folded;
    return `${folded} AND f.day <> ALL(${p.add(unfolded)}::date[])
            UNION ALL
            SELECT ${PRODUCT_CELL_COLUMNS} FROM (${this.plain.productCellsOf(ctx, period, p, unfolded)}) l`;
  }
}
