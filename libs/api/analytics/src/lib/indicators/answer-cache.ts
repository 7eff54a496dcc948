/**
 * Answers of the indicators served again while nothing under them has changed (ADR 0003 "Answers
 * served again"): the start screen asks the same summary, timeseries, by-status, products and top
 * clients of the same period over and over, and between two changes of the company's sales, items,
 * rates or settings every ask gives the same answer. Each process keeps its last answers in memory
 * with the versions the computing snapshot saw; a later read serves one only when its own snapshot
 * sees the same versions and nothing waiting to be folded:
 *
 * - `analytics_answer_versions.folds` — bumped by every fold of sales changes and every product-day
 *   recomputation, in their transactions;
 * - `analytics_answer_versions.settings` — bumped by rates, base currency, time zone and rebuilds;
 * - no pending sales change (`ctx.pending`) and no logged product change: those are committed data
 *   no fold has counted yet, which a computed answer includes and a version does not show.
 *
 * The key holds the route, the query as sent, the currency asked and the company's today (default
 * periods move with it). The sales a warning names are read afresh on every serve (a sale's
 * external id can change without a fold), and so are top clients' external ids, names and e-mails
 * (the caller's `refresh`). Filtered reads (`clientIds`, `currencies`) are computed every time. A
 * stale answer is impossible by construction rather than by expiry; the memory is bounded by
 * {@link ANSWER_CACHE_SIZE} answers, least recently used first out.
 */
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { AnalyticsWarningResponse } from '@crm/shared/contracts';
import type { AnalyticsContext } from '../analytics-context';
import type { SqlRunner } from '../sql';
import type { RollupStatus } from './indicator-source';
import { refreshWarningSales } from './warnings';

/** Answers kept per process, all companies together. */
export const ANSWER_CACHE_SIZE = 2_000;
/** Injection token of another capacity (tests). */
export const ANSWER_CACHE_CAPACITY = Symbol('ANSWER_CACHE_CAPACITY');

@Injectable()
export class AnswerCache {
  private readonly entries = new Map<string, { stamp: string; value: unknown }>();
  /** Reads served from a kept answer, and reads computed, since the start (for tests and metrics). */
  readonly counts = { served: 0, computed: 0 };

  private readonly capacity: number;

  constructor(@Optional() @Inject(ANSWER_CACHE_CAPACITY) capacity?: number) {
    this.capacity = capacity ?? ANSWER_CACHE_SIZE;
  }

  /**
   * The answer of `route` for `query` in the reader's snapshot: the kept one if its versions are the
   * snapshot's, else `compute()`'s, kept for the next read.
   */
  async answer<T>(
    sql: SqlRunner,
    ctx: AnalyticsContext,
    route: string,
    query: object,
    /** The statuses the answer's warnings count (their sales are read again when served). */
    statuses: readonly RollupStatus[],
    compute: () => Promise<T>,
    /** Reads again, when the answer is served, what it shows that no version covers. */
    refresh?: (value: T) => Promise<T>,
  ): Promise<T> {
    if (ctx.filter || ctx.pending) return this.computed(compute);
    const stamp = await this.stamp(sql, ctx);
    if (stamp === undefined) return this.computed(compute);
    const key = JSON.stringify([ctx.company.scope.companyId, route, ctx.company.today, ctx.conversion.currency, query]);
    const kept = this.entries.get(key);
    if (kept && kept.stamp === stamp) {
      this.entries.delete(key);
      this.entries.set(key, kept);
      this.counts.served += 1;
      const value = structuredClone(kept.value) as T & { warnings?: AnalyticsWarningResponse[] };
      if (value.warnings?.length)
        value.warnings = await refreshWarningSales(sql, ctx.company, value.warnings, statuses);
      return refresh ? refresh(value) : value;
    }
    const value = await this.computed(compute);
    this.entries.delete(key);
    this.entries.set(key, { stamp, value: structuredClone(value) });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }

  private computed<T>(compute: () => Promise<T>): Promise<T> {
    this.counts.computed += 1;
    return compute();
  }

  /** The versions the snapshot sees, or undefined when product changes wait to be folded. */
  private async stamp(sql: SqlRunner, ctx: AnalyticsContext): Promise<string | undefined> {
    const [row] = await sql<{ folds: string; settings: string; logged: boolean }>(
      `SELECT coalesce(v.folds, 0)::text AS folds, coalesce(v.settings, 0)::text AS settings,
              EXISTS (SELECT 1 FROM analytics_product_changes WHERE company_id = c.id) AS logged
       FROM (SELECT $1::uuid AS id) c LEFT JOIN analytics_answer_versions v ON v.company_id = c.id`,
      [ctx.company.scope.companyId],
    );
    if (!row || row.logged) return undefined;
    return `${row.folds}:${row.settings}`;
  }
}
