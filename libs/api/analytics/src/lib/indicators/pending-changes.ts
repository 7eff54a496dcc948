/**
 * Reads that do not wait for the fold (ADR 0003 "Reads apply the pending changes"). A read's
 * REPEATABLE READ snapshot sees the rollups as the last committed fold left them and, in
 * `analytics_pending_changes`, exactly the committed changes that fold has not claimed yet (a fold
 * deletes what it applies in the same transaction). Folded rollups plus those signed changes are
 * therefore every committed sale, so the read applies them on the fly — day sums, client-days and
 * the buyer counts of the clients they touch — instead of waiting for a fold in progress. Only a
 * backlog beyond {@link PENDING_READ_LIMIT} (a bulk load) is folded first.
 */
import type { AnalyticsContext, Period } from '../analytics-context';
import type { SqlParams, SqlRunner } from '../sql';
import { localDayBounds } from './totals-sql';

/** Above this many pending changes a read waits for the fold instead of applying them itself. */
export const PENDING_READ_LIMIT = 10_000;

/** What a read's snapshot sees of the company's unfolded changes. */
export interface PendingChanges {
  /** Pending change rows (capped at the limit asked + 1). */
  changes: number;
  /** Local days (YYYY-MM-DD) with a pending change of a paid sale or paid return… */
  paidDays: readonly string[];
  /** …all of them, or only some when more changes were pending than counted. */
  complete: boolean;
}

/**
 * The company's pending changes in the reader's snapshot, at most `limit + 1` of them counted.
 * `firstPaid` merges the first paid day per currency of the pending new versions into the context
 * (a deleted version may leave it earlier than the truth, which only makes the buyer counts take
 * their exact path).
 */
export async function loadPending(
  sql: SqlRunner,
  ctx: AnalyticsContext,
  limit = PENDING_READ_LIMIT,
  /** The caller folds and reads again when more than `limit` are pending: skip reading them all. */
  foldsBacklog = false,
): Promise<AnalyticsContext> {
  const [row] = await sql<{ changes: string; paid_days: string[] | null; first_paid: Record<string, string> | null }>(
    `WITH x AS MATERIALIZED (
       SELECT (sold_at AT TIME ZONE $2)::date AS day, trim(currency) AS currency, status, sign
       FROM analytics_pending_changes WHERE company_id = $1 LIMIT $3
     )
     SELECT (SELECT count(*) FROM x) AS changes,
            (SELECT array_agg(DISTINCT day::text) FROM x WHERE status IN ('paid', 'return:paid')) AS paid_days,
            (SELECT json_object_agg(currency, day) FROM (
               SELECT currency, min(day)::text AS day FROM x WHERE status = 'paid' AND sign > 0 GROUP BY 1) f) AS first_paid`,
    [ctx.company.scope.companyId, ctx.company.timeZone, limit + 1],
  );
  const changes = Number(row?.changes ?? 0);
  if (changes === 0) return { ...ctx, pending: undefined };
  const complete = changes <= limit;
  let firstPaid = row.first_paid ?? {};
  if (!complete && foldsBacklog) return { ...ctx, pending: { changes, paidDays: [], complete } };
  if (!complete) {
    // Counted only in part (a caller that does not fold first): the first paid days of them all.
    const [all] = await sql<{ first_paid: Record<string, string> | null }>(
      `SELECT json_object_agg(currency, day) AS first_paid FROM (
         SELECT trim(currency) AS currency, min((sold_at AT TIME ZONE $2)::date)::text AS day
         FROM analytics_pending_changes WHERE company_id = $1 AND status = 'paid' AND sign > 0 GROUP BY 1) f`,
      [ctx.company.scope.companyId, ctx.company.timeZone],
    );
    firstPaid = all?.first_paid ?? {};
  }
  const firstPaidDays = new Map(ctx.firstPaidDays);
  for (const [currency, day] of Object.entries(firstPaid)) {
    const known = firstPaidDays.get(currency);
    if (known === undefined || day < known) firstPaidDays.set(currency, day);
  }
  return { ...ctx, firstPaidDays, pending: { changes, paidDays: row.paid_days ?? [], complete } };
}

/** True when the pending changes touch the paid sales or paid returns of `period`. */
export function pendingTouches(ctx: AnalyticsContext, period: Period): boolean {
  if (!ctx.pending) return false;
  return !ctx.pending.complete || ctx.pending.paidDays.some((d) => d >= period.from && d <= period.to);
}

/**
 * `(day, currency, status, sales, amount)` of the pending changes of [from, to] with one of
 * `statuses`, signed (+1 new version, −1 old), in the company's local days.
 */
export function pendingDailySql(
  ctx: AnalyticsContext,
  p: SqlParams,
  from: string,
  to: string,
  statuses: string,
): string {
  const bounds = localDayBounds(p, from, to, ctx.company.timeZone);
  return `SELECT (c.sold_at AT TIME ZONE ${p.add(ctx.company.timeZone)})::date AS day, c.currency, c.status,
                 c.sign::bigint AS sales, c.sign * c.amount AS amount
          FROM analytics_pending_changes c
          WHERE c.company_id = ${p.add(ctx.company.scope.companyId)} AND c.status = ANY(${statuses}::text[])
            AND c.sold_at >= ${bounds.lower} AND c.sold_at < ${bounds.upper}`;
}
