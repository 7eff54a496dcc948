/**
 * The indicators of `analytics/summary`, `timeseries`, `top-clients`, `by-status` and `products`.
 * Each request runs in one read-only REPEATABLE READ tenant transaction of the company, so its
 * figures agree with each other even while sales are being written, and row-level security keeps
 * every statement to the company's rows. A request that narrows the sales (`clientIds`,
 * `currencies`) has its clients checked against the company's and is answered from `sales` with
 * the filter (see sale-filter.ts); without them nothing changes.
 */
import { cancelOnRequestAbort, type CompanyScope, enterTenantSql, ReadReplica } from '@crm/api/core';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ANALYTICS_MAX_POINTS,
  type AnalyticsChangeResponse,
  type AnalyticsPeriodResponse,
  type AnalyticsRangeQueryDto,
  type AnalyticsSummaryResponse,
  type AnalyticsTimeseriesQueryDto,
  type AnalyticsTimeseriesResponse,
  formatMoney,
  PRODUCTS_DEFAULT_LIMIT,
  type ProductRevenueListResponse,
  type ProductRevenueQueryDto,
  SALE_STATUSES,
  type SalesByStatusResponse,
  TOP_CLIENTS_DEFAULT_LIMIT,
  type TopClientsQueryDto,
  type TopClientsResponse,
} from '@crm/shared/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { type AnalyticsContext, invalid, loadContext, type Period, resolvePeriod } from '../analytics-context';
import { Budget, poolShare } from '../budget';
import { addDays, countPeriods, daysBetween, periodsBetween } from '../calendar';
import { average, money, relativeChange, relativeDecimalChange } from '../decimal';
import { count, SqlParams, type SqlRunner, withoutNestedLoops } from '../sql';
import { convertedSumSql, fxCte, rateColumns } from './conversion';
import { type ClientTotal, type IndicatorSource, REVENUE_STATUSES, type RollupStatus } from './indicator-source';
import { netTotals, ZERO_NET } from './net-totals';
import { loadPending, PENDING_READ_LIMIT, pendingTouches } from './pending-changes';
import { AnswerCache } from './answer-cache';
import { RollupFolder } from './rollup-folder';
import { RollupSource } from './rollup-source';
import { checkFilterClients, saleFilterOf } from './sale-filter';
import { type AnswerStamp, TopClientsAnswers } from './top-clients-answers';
import { unconvertedWarnings } from './warnings';

/** Injection token of the indicator source; the rollups unless a test or bench provides another. */
export const INDICATOR_SOURCE = Symbol('INDICATOR_SOURCE');

const PAID = REVENUE_STATUSES;
/** by-status reads every sale status and the paid returns, which net the paid amount. */
const BY_STATUS: readonly RollupStatus[] = [...SALE_STATUSES, 'return:paid'];

/** A top-clients limit no company reaches: every client. */
const ALL_CLIENTS = 1_000_000_000;

/** An EntityManager as a {@link SqlRunner}. */
export const managerRunner =
  (m: EntityManager): SqlRunner =>
  <T>(text: string, params: readonly unknown[]) =>
    m.query(text, params as unknown[]) as Promise<T[]>;

/** What narrows the sales a read counts, as a query names it (`clientIds`, `currencies`). */
export interface SaleNarrowing {
  clientIds?: readonly string[] | null;
  currencies?: readonly string[] | null;
}

/** What a read's work gets: the context and the statement runner of its snapshot. */
export interface AnalyticsRead extends AnalyticsContext {
  sql: SqlRunner;
}

/**
 * How an analytics read begins: one read-only snapshot, no JIT (compiling a statement costs more
 * than running it at these sizes, and estimates without statistics would trigger it), room to sort
 * and hash in memory. Each statement is then fine-tuned by its source.
 */
export const ANALYTICS_READ_BEGIN =
  "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL jit = off; SET LOCAL work_mem = '64MB';";

@Injectable()
export class IndicatorsService {
  private readonly source: IndicatorSource;
  /**
   * Analytics snapshots open at once: half the pool, so client and sale lists, writes and log-ins
   * always find connections while many analytics reads run (the others queue here, holding none).
   */
  private readonly budget: Budget;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(INDICATOR_SOURCE) source?: IndicatorSource,
    @Optional() private readonly folder?: RollupFolder,
    @Optional() private readonly answers?: TopClientsAnswers,
    @Optional() private readonly replica?: ReadReplica,
    @Optional() private readonly cache?: AnswerCache,
  ) {
    this.source = source ?? new RollupSource();
    this.budget = new Budget(poolShare(dataSource, 0.5));
  }

  /**
   * Runs `work` in one read-only REPEATABLE READ snapshot, a tenant transaction of `scope`'s company,
   * with the context resolved, after folding whatever is pending — for readers that read the rollups
   * with their own statements (customer insights, forecast). The transaction is opened, made the
   * company's (`enterTenantSql`) and tuned with one round trip; JIT, which costs more than it saves
   * on these short statements, is off, and sorts and hash aggregates of client-days get room in
   * memory. A client that goes away cancels the statement running for it (SQLSTATE 57014).
   */
  async read<T>(
    scope: CompanyScope,
    currency: string | undefined,
    work: (read: AnalyticsRead) => Promise<T>,
    narrowing?: SaleNarrowing,
  ): Promise<T> {
    await this.foldPending(scope);
    return this.readWithPending(scope, currency, work, narrowing);
  }

  /** {@link read} for a query: in its currency, narrowed by its `clientIds` / `currencies` when it names them. */
  readFolded<T>(
    scope: CompanyScope,
    query: SaleNarrowing & { currency?: string },
    work: (read: AnalyticsRead) => Promise<T>,
  ): Promise<T> {
    return this.read(scope, query.currency, work, query);
  }

  /**
   * Like {@link read}, without waiting for a fold in progress: the sales changes the snapshot sees
   * pending are applied on the fly by the indicator source (pending-changes.ts), so the answer
   * includes every committed sale. Only a backlog beyond {@link PENDING_READ_LIMIT} (a bulk load) is
   * folded first, then read afresh. What the indicators of this service use.
   *
   * `narrowing` (a query's `clientIds` / `currencies`) becomes the context's `filter` once its
   * clients are found to be the company's (else a 400 naming each unknown id).
   */
  async readWithPending<T>(
    scope: CompanyScope,
    currency: string | undefined,
    work: (read: AnalyticsRead) => Promise<T>,
    narrowing?: SaleNarrowing,
  ): Promise<T> {
    const first = await this.snapshot(scope, currency, work, Boolean(this.folder), false, narrowing);
    if (first.done) return first.result;
    await this.foldPending(scope);
    // The fold just wrote on the primary: a replica may not have replayed it yet.
    const second = await this.snapshot(scope, currency, work, false, true, narrowing);
    if (!second.done) throw new Error('unreachable: a read that may not fold answered nothing');
    return second.result;
  }

  /**
   * {@link readWithPending} for a query of the indicators: in its currency, narrowed by its
   * `clientIds` / `currencies` when it names them.
   */
  readQuery<T>(
    scope: CompanyScope,
    query: SaleNarrowing & { currency?: string },
    work: (read: AnalyticsRead) => Promise<T>,
  ): Promise<T> {
    return this.readWithPending(scope, query.currency, work, query);
  }

  private async snapshot<T>(
    scope: CompanyScope,
    currency: string | undefined,
    work: (read: AnalyticsRead) => Promise<T>,
    mayFoldFirst: boolean,
    primaryRequired: boolean,
    narrowing: SaleNarrowing | undefined,
  ): Promise<{ done: true; result: T } | { done: false }> {
    return this.budget.run(() => this.openSnapshot(scope, currency, work, mayFoldFirst, primaryRequired, narrowing));
  }

  private async openSnapshot<T>(
    scope: CompanyScope,
    currency: string | undefined,
    work: (read: AnalyticsRead) => Promise<T>,
    mayFoldFirst: boolean,
    primaryRequired: boolean,
    narrowing: SaleNarrowing | undefined,
  ): Promise<{ done: true; result: T } | { done: false }> {
    // The read replica (DATABASE_READ_URL) when it has replayed the company's last write, else the primary.
    const dataSource = this.replica
      ? (await this.replica.route(scope, { primaryRequired })).dataSource
      : this.dataSource;
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    const stopWatching = cancelOnRequestAbort(runner);
    try {
      await runner.query(`${ANALYTICS_READ_BEGIN} ${enterTenantSql(scope)}`);
      try {
        const sql = managerRunner(runner.manager);
        const context = await loadPending(
          sql,
          await loadContext(sql, scope, currency),
          PENDING_READ_LIMIT,
          mayFoldFirst,
        );
        if (mayFoldFirst && (context.pending?.changes ?? 0) > PENDING_READ_LIMIT) {
          stopWatching();
          await runner.query('ROLLBACK');
          return { done: false };
        }
        await checkFilterClients(sql, scope, narrowing?.clientIds);
        const filter = narrowing ? saleFilterOf(narrowing) : undefined;
        const result = await work({ sql, ...context, filter });
        stopWatching();
        await runner.query('COMMIT');
        return { done: true, result };
      } catch (error) {
        // A cancel must not reach the ROLLBACK: the connection would go back to the pool mid-transaction.
        stopWatching();
        await runner.query('ROLLBACK');
        throw error;
      }
    } finally {
      stopWatching();
      await runner.release();
    }
  }

  /**
   * Applies the company's sales changes still waiting to be folded into the rollups (see
   * {@link RollupFolder}, a system path), so a read that follows sees every committed sale.
   */
  async foldPending(scope: CompanyScope): Promise<void> {
    await this.folder?.fold(scope);
  }

  /** `compute` in the reader's snapshot, or its answer served again (see {@link AnswerCache}). */
  private served<T>(
    ctx: AnalyticsRead,
    route: string,
    query: object,
    statuses: readonly RollupStatus[],
    compute: () => Promise<T>,
    refresh?: (value: T) => Promise<T>,
  ): Promise<T> {
    return this.cache ? this.cache.answer(ctx.sql, ctx, route, query, statuses, compute, refresh) : compute();
  }

  summary(scope: CompanyScope, query: AnalyticsRangeQueryDto): Promise<AnalyticsSummaryResponse> {
    return this.readQuery(scope, query, (ctx) =>
      this.served(ctx, 'summary', query, PAID, async () => {
        const { sql, company, conversion } = ctx;
        const period = resolvePeriod(company, query);
        const length = daysBetween(period.from, period.to);
        const previous: Period = { from: addDays(period.from, -length), to: addDays(period.from, -1) };
        const totals = await this.source.totals(sql, ctx, {
          from: previous.from,
          to: period.to,
          buckets: { splitAt: period.from },
          statuses: PAID,
        });
        const [buyersNow, buyersBefore] = await this.source.buyers(sql, ctx, [period, previous]);
        const net = netTotals(totals.totals);
        const figures = (p: Period, buyers: typeof buyersNow): AnalyticsPeriodResponse => {
          const total = net.get(p.from) ?? ZERO_NET;
          const { revenue, salesCount } = total;
          return {
            from: p.from,
            to: p.to,
            revenue: money(revenue, conversion.currency),
            salesCount,
            returns: { count: total.returnsCount, amount: money(total.returned, conversion.currency) },
            buyers: buyers.buyers,
            newClients: buyers.newClients,
            returningClients: buyers.buyers - buyers.newClients,
            averageOrderValue: average(revenue, salesCount, conversion.currency),
            repeatPurchaseRate: buyers.buyers > 0 ? buyers.repeatBuyers / buyers.buyers : null,
          };
        };
        const current = figures(period, buyersNow);
        const before = figures(previous, buyersBefore);
        const exact = (p: Period) => net.get(p.from)?.revenue ?? '0';
        const change: AnalyticsChangeResponse = {
          revenue: relativeDecimalChange(exact(period), exact(previous)),
          salesCount: relativeChange(current.salesCount, before.salesCount),
          buyers: relativeChange(current.buyers, before.buyers),
          newClients: relativeChange(current.newClients, before.newClients),
          averageOrderValue:
            current.averageOrderValue !== null && before.averageOrderValue !== null
              ? relativeDecimalChange(current.averageOrderValue, before.averageOrderValue)
              : null,
          repeatPurchaseRate:
            current.repeatPurchaseRate !== null && before.repeatPurchaseRate !== null
              ? current.repeatPurchaseRate - before.repeatPurchaseRate
              : null,
        };
        const warnings = await unconvertedWarnings(
          sql,
          company,
          conversion.currency,
          totals.unconverted.filter((u) => u.bucket === period.from),
          PAID,
          ctx.filter,
        );
        return { currency: conversion.currency, ...current, warnings, previous: before, change };
      }),
    );
  }

  timeseries(scope: CompanyScope, query: AnalyticsTimeseriesQueryDto): Promise<AnalyticsTimeseriesResponse> {
    return this.readQuery(scope, query, (ctx) =>
      this.served(ctx, 'timeseries', query, PAID, async () => {
        const { sql, company, conversion } = ctx;
        const period = resolvePeriod(company, query);
        const granularity = query.granularity ?? 'day';
        if (countPeriods(period.from, period.to, granularity) > ANALYTICS_MAX_POINTS) {
          invalid(
            'granularity',
            `at most ${ANALYTICS_MAX_POINTS} points: choose a coarser granularity or a shorter period`,
          );
        }
        const totals = await this.source.totals(sql, ctx, {
          ...period,
          buckets: { granularity },
          statuses: PAID,
        });
        const byPeriod = netTotals(totals.totals);
        return {
          currency: conversion.currency,
          granularity,
          ...period,
          points: periodsBetween(period.from, period.to, granularity).map((start) => {
            const t = byPeriod.get(start);
            return { period: start, revenue: money(t?.revenue, conversion.currency), salesCount: t?.salesCount ?? 0 };
          }),
          warnings: await unconvertedWarnings(sql, company, conversion.currency, totals.unconverted, PAID, ctx.filter),
        };
      }),
    );
  }

  /**
   * Top clients: served again from memory while nothing under them changed (as the other routes,
   * the clients' fields read afresh), else a kept answer when one holds the period (see
   * {@link TopClientsAnswers}), else computed by the source and kept once the snapshot has ended.
   */
  async topClients(scope: CompanyScope, query: TopClientsQueryDto): Promise<TopClientsResponse> {
    const limit = query.limit ?? TOP_CLIENTS_DEFAULT_LIMIT;
    let computed: { ctx: AnalyticsContext; period: Period; stamp: AnswerStamp; top: ClientTotal[] } | undefined;
    const response = await this.readQuery(scope, query, (ctx) =>
      this.served(
        ctx,
        'top-clients',
        query,
        PAID,
        () => this.topClientsComputed(ctx, query, limit, (c) => (computed = c)),
        (answer) => this.withClientFields(ctx.sql, scope, answer),
      ),
    );
    if (computed && this.answers) {
      await this.answers.keep(scope, computed.ctx, computed.period, limit, computed.stamp, computed.top);
    }
    return response;
  }

  /** The answer with its clients' external ids, names and e-mails as they are now. */
  private async withClientFields(
    sql: SqlRunner,
    scope: CompanyScope,
    answer: TopClientsResponse,
  ): Promise<TopClientsResponse> {
    const ids = answer.items.map((i) => i.clientId);
    const rows = ids.length
      ? await sql<{ id: string; externalId: string | null; name: string | null; email: string | null }>(
          `SELECT id, external_id AS "externalId", name, email FROM clients WHERE company_id = $1 AND id = ANY($2::uuid[])`,
          [scope.companyId, ids],
        )
      : [];
    const byId = new Map(rows.map((c) => [c.id, c]));
    return {
      ...answer,
      items: answer.items.map((i) => ({
        ...i,
        externalId: byId.get(i.clientId)?.externalId ?? null,
        name: byId.get(i.clientId)?.name ?? null,
        email: byId.get(i.clientId)?.email ?? null,
      })),
    };
  }

  /** Top clients from a kept answer or the source; `toKeep` gets what to keep once the snapshot ends. */
  private async topClientsComputed(
    ctx: AnalyticsRead,
    query: TopClientsQueryDto,
    limit: number,
    toKeep: (c: { ctx: AnalyticsContext; period: Period; stamp: AnswerStamp; top: ClientTotal[] }) => void,
  ): Promise<TopClientsResponse> {
    const { sql, company, conversion } = ctx;
    const period = resolvePeriod(company, query);
    // A kept answer is exact for the folded sales only: changes pending in the period recompute it.
    // It is also the whole company's: a filtered request always computes.
    const kept =
      this.answers && !ctx.filter && !pendingTouches(ctx, period)
        ? await this.answers.find(sql, ctx, period, limit)
        : undefined;
    let top: ClientTotal[];
    if (kept?.kind === 'kept') {
      top = kept.clients;
    } else {
      top = await this.source.topClients(sql, ctx, period, limit);
      if (kept) toKeep({ ctx, period, stamp: kept.stamp, top });
    }
    const totals = await this.source.totals(sql, ctx, { ...period, buckets: 'none', statuses: PAID });
    return this.withClientFields(sql, company.scope, {
      currency: conversion.currency,
      ...period,
      items: top.map((t) => ({
        clientId: t.clientId,
        externalId: null,
        name: null,
        email: null,
        revenue: money(t.revenue, conversion.currency),
        salesCount: t.salesCount,
      })),
      warnings: await unconvertedWarnings(sql, company, conversion.currency, totals.unconverted, PAID, ctx.filter),
    });
  }

  /**
   * Every client with paid sales or paid returns among the period's (narrowed) sales, with its
   * revenue net of returns rounded as `top-clients` answers it, by revenue descending: what a
   * report's amount range (ADR 0006 "Report filters") is measured against.
   */
  clientRevenues(
    scope: CompanyScope,
    query: AnalyticsRangeQueryDto,
  ): Promise<{ currency: string; items: { clientId: string; revenue: string; salesCount: number }[] }> {
    return this.readQuery(scope, query, async (ctx) => {
      const period = resolvePeriod(ctx.company, query);
      const all = await this.source.topClients(ctx.sql, ctx, period, ALL_CLIENTS);
      const currency = ctx.conversion.currency;
      return {
        currency,
        items: all.map((t) => ({
          clientId: t.clientId,
          revenue: money(t.revenue, currency),
          salesCount: t.salesCount,
        })),
      };
    });
  }

  byStatus(scope: CompanyScope, query: AnalyticsRangeQueryDto): Promise<SalesByStatusResponse> {
    return this.readQuery(scope, query, (ctx) =>
      this.served(ctx, 'by-status', query, BY_STATUS, async () => {
        const { sql, company, conversion } = ctx;
        const period = resolvePeriod(company, query);
        const totals = await this.source.totals(sql, ctx, {
          ...period,
          buckets: 'none',
          statuses: BY_STATUS,
        });
        const sales = totals.totals.filter((t) => !t.status.startsWith('return:'));
        const byStatus = new Map(sales.map((t) => [t.status, t]));
        // The paid amount is net of the paid returns, as revenue is.
        const paid = netTotals(totals.totals).get(period.from);
        const all = sales.reduce((n, t) => n + t.salesCount, 0);
        return {
          currency: conversion.currency,
          ...period,
          items: SALE_STATUSES.map((status) => {
            const t = byStatus.get(status);
            const salesCount = t?.salesCount ?? 0;
            return {
              status,
              salesCount,
              amount: money(status === 'paid' ? paid?.revenue : t?.revenue, conversion.currency),
              share: all > 0 ? salesCount / all : null,
            };
          }),
          warnings: await unconvertedWarnings(
            sql,
            company,
            conversion.currency,
            totals.unconverted,
            BY_STATUS,
            ctx.filter,
          ),
        };
      }),
    );
  }

  /**
   * Revenue by product from the items of the period's counted sales: the source's product cells
   * (folded by day, or computed from `sale_items`), converted at each day's rate.
   */
  products(scope: CompanyScope, query: ProductRevenueQueryDto): Promise<ProductRevenueListResponse> {
    return this.readQuery(scope, query, (ctx) =>
      this.served(ctx, 'products', query, PAID, async () => {
        const { sql, company, conversion } = ctx;
        const period = resolvePeriod(company, query);
        const p = new SqlParams();
        const cells = await this.source.productCells(sql, ctx, period, p);
        const fx = fxCte(conversion, period.from, period.to, p, 'SELECT DISTINCT currency, day FROM cells');
        const rate = rateColumns(conversion, 'c', p);
        const rows = await withoutNestedLoops<{
          product: string;
          sku: string | null;
          name: string;
          quantity: string;
          revenue: string;
          sales: string;
        }>(
          sql,
          `WITH cells AS MATERIALIZED (${cells}),
         ${fx},
         x AS (SELECT c.*, ${rate.rc} AS rc, ${rate.rt} AS rt FROM cells c ${rate.joins}),
         converted AS (${convertedSumSql(conversion, 'x', ['product'])}),
         -- The name of the latest day's first sale; quantities and sales of convertible days only.
         details AS (
           SELECT product, min(sku) AS sku, (array_agg(name ORDER BY day DESC, name_sale))[1] AS name,
                  sum(quantity) AS quantity, sum(sales) AS sales
           FROM x WHERE rc IS NOT NULL AND rt IS NOT NULL GROUP BY product
         )
         SELECT d.product, d.sku, d.name, d.quantity::text, c.revenue, d.sales
         FROM converted c JOIN details d USING (product)
         ORDER BY c.exact DESC, d.product
         LIMIT ${p.add(query.limit ?? PRODUCTS_DEFAULT_LIMIT)}`,
          p.values,
        );
        const totals = await this.source.totals(sql, ctx, { ...period, buckets: 'none', statuses: PAID });
        return {
          currency: conversion.currency,
          ...period,
          items: rows.map((r) => ({
            sku: r.sku,
            name: r.name,
            quantity: Number(r.quantity),
            revenue: formatMoney(r.revenue, conversion.currency),
            salesCount: count(r.sales),
          })),
          warnings: await unconvertedWarnings(sql, company, conversion.currency, totals.unconverted, PAID, ctx.filter),
        };
      }),
    );
  }
}
