import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type CompanyScope, SaleChangeHooks, TableStatistics } from '@crm/api/core';
import { DataSource } from 'typeorm';
import { Budget, poolShare } from '../budget';

/** Pending changes applied per transaction: bounds a fold's memory and lock time on big backlogs. */
export const FOLD_CHUNK = 50_000;
/**
 * Days of product cells recomputed per transaction (`analytics_fold_products`): about 16 × the
 * day's sales item probes, a short transaction even at a million sales (PGlite is one session).
 */
export const PRODUCT_FOLD_DAYS = 16;
/** A company's changes are folded once its writes have been quiet this long… */
const QUIET_MS = 1_000;
/** …or at the latest this long after the first unfolded write, even under continuous ingest. */
const MAX_DELAY_MS = 2_000;
/** Catches changes written by other API instances, COPY or before a restart. */
const SWEEP_MS = 60_000;

/**
 * What a fold changes (and what the sales it follows changed): their statistics are refreshed after
 * every fold that applied something, before the read that asked for it runs (ADR 0005).
 */
export const FOLDED_TABLES = [
  'sales',
  'sale_items',
  'clients',
  'analytics_pending_changes',
  'analytics_sales_daily',
  'analytics_client_daily',
  'analytics_client_returns',
  'analytics_client_totals',
  'analytics_buyer_grid',
  'analytics_buyer_grid_months',
  'analytics_buyer_prev',
  'analytics_buyer_firsts',
  'analytics_top_clients',
  'analytics_product_daily',
  'analytics_product_dirty',
  'analytics_product_changes',
] as const;

/**
 * Connections folds may hold at once: a quarter of the pool, at least one, so requests (lists,
 * writes, analytics reads) always find most of the pool free however many companies are folded.
 */
export const foldConnections = (dataSource: DataSource): number => poolShare(dataSource, 0.25);

/**
 * System boundary (ADR 0001): the company a sweep found with pending changes, as the scope its fold
 * names. The id comes from `analytics_pending_changes` or the product log, which only the triggers
 * on `sales` and `sale_items` (and a company's own time-zone change) write.
 */
const scopeOfPendingChanges = (row: { id: string }): CompanyScope => ({ companyId: row.id });

/**
 * Folds the sales changes the `sales` triggers log (`analytics_pending_changes`, migration
 * `AnalyticsDeferredRollups1764100000000`) into the analytics rollups: in the background shortly
 * after a company's writes go quiet — never inside the ingest request — and on demand before every
 * analytics read that would otherwise apply a large backlog itself (reads apply a few pending
 * changes on the fly instead of waiting: pending-changes.ts). Folds of all companies share a budget
 * of a quarter of the pool, so requests are never starved of connections behind them.
 *
 * System path (ADR 0001): the folder works across companies (its sweep finds every company with
 * pending changes) and `analytics_fold_company` rewrites rollups, so it runs on the plain
 * `DataSource` as the tables' owner, outside row-level security. Each fold still names one company
 * by a `CompanyScope`: the request's (a read that folds first), the writer's (the sale-change hook)
 * or, for the sweep, the one made by {@link scopeOfPendingChanges}. The scope only names the
 * company here; no tenant transaction is opened with it.
 */
@Injectable()
export class RollupFolder implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RollupFolder');
  private readonly scheduled = new Map<string, { timer: NodeJS.Timeout; since: number }>();
  private readonly running = new Map<string, Promise<number>>();
  /** Per company, the fold that starts once the running one ends, shared by everyone waiting for it. */
  private readonly next = new Map<string, Promise<number>>();
  /** Per company, the product fold in progress ({@link foldProducts}). */
  private readonly productFolds = new Map<string, Promise<number>>();
  private sweepTimer?: NodeJS.Timeout;
  private stopped = false;
  private readonly statistics: TableStatistics;
  /** Folds hold at most this many pool connections at once (see {@link foldConnections}). */
  readonly budget: Budget;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hooks: SaleChangeHooks,
  ) {
    this.statistics = new TableStatistics(dataSource);
    this.budget = new Budget(foldConnections(dataSource));
  }

  onModuleInit(): void {
    // Inside the writer's transaction: only schedule, no query.
    this.hooks.register({ onSalesChanged: async (_m, scope) => this.schedule(scope) });
    this.sweepTimer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweepTimer.unref();
    setTimeout(() => void this.sweep(), 0).unref();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearInterval(this.sweepTimer);
    for (const { timer } of this.scheduled.values()) clearTimeout(timer);
    this.scheduled.clear();
  }

  /**
   * Applies every change of the company committed so far; resolves with how many were applied.
   * Concurrent calls for one company share the work: a call during a fold needs a fold that starts
   * after it (the running one may have missed its changes), and every call arriving during the same
   * fold shares that one next fold — so a read waits for at most two folds however many readers and
   * writers keep coming (before, each waiter chained fold after fold under a steady ingest).
   */
  fold(scope: CompanyScope): Promise<number> {
    const { companyId } = scope;
    const running = this.running.get(companyId);
    if (!running) return this.start(scope);
    let next = this.next.get(companyId);
    if (!next) {
      // Whatever the running fold's outcome, then fold what was committed since.
      next = running
        .catch(() => 0)
        .then(() => {
          this.next.delete(companyId);
          return this.start(scope);
        });
      this.next.set(companyId, next);
    }
    return next;
  }

  private start(scope: CompanyScope): Promise<number> {
    const { companyId } = scope;
    const work = this.budget.run(() => this.foldAll(scope)).finally(() => this.running.delete(companyId));
    this.running.set(companyId, work);
    return work;
  }

  private async foldAll(scope: CompanyScope): Promise<number> {
    const [pending] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM analytics_pending_changes WHERE company_id = $1) AS pending`,
      [scope.companyId],
    )) as { pending: boolean }[];
    if (!pending?.pending) return 0;
    let total = 0;
    for (;;) {
      const [row] = (await this.dataSource.query(`SELECT analytics_fold_company($1, $2) AS n`, [
        scope.companyId,
        FOLD_CHUNK,
      ])) as { n: number }[];
      const n = Number(row?.n ?? 0);
      total += n;
      if (n < FOLD_CHUNK) break;
    }
    // Outside any transaction, after the fold committed: the read that waits for this fold plans
    // its statements on statistics that include what was just folded.
    await this.statistics.refresh(FOLDED_TABLES);
    return total;
  }

  /**
   * Recomputes the product days logged since (`analytics_fold_products`), a few days a transaction;
   * resolves with how many days. Only in the background (after the sales fold of a quiet company,
   * and by the sweep): a read computes the days still unfolded itself, so it never waits for these.
   * One at a time per company; a call during one shares it (the sweep or the next write calls again).
   */
  foldProducts(scope: CompanyScope): Promise<number> {
    const { companyId } = scope;
    const running = this.productFolds.get(companyId);
    if (running) return running;
    const work = this.budget
      .run(async () => {
        let days = 0;
        for (;;) {
          const [row] = (await this.dataSource.query(`SELECT analytics_fold_products($1, $2) AS n`, [
            companyId,
            PRODUCT_FOLD_DAYS,
          ])) as { n: number }[];
          const n = Number(row?.n ?? 0);
          days += n;
          if (n < PRODUCT_FOLD_DAYS) break;
        }
        if (days > 0) await this.statistics.refresh(FOLDED_TABLES);
        return days;
      })
      .finally(() => this.productFolds.delete(companyId));
    this.productFolds.set(companyId, work);
    return work;
  }

  /** Debounced background fold: after QUIET_MS without writes, at most MAX_DELAY_MS after the first. */
  private schedule(scope: CompanyScope): void {
    if (this.stopped) return;
    const { companyId } = scope;
    const now = Date.now();
    const current = this.scheduled.get(companyId);
    if (current) clearTimeout(current.timer);
    const since = current?.since ?? now;
    const delay = Math.max(0, Math.min(QUIET_MS, since + MAX_DELAY_MS - now));
    const timer = setTimeout(() => {
      this.scheduled.delete(companyId);
      this.fold(scope)
        .then(() => this.foldProducts(scope))
        .catch((error: unknown) => this.logger.warn(`Folding ${companyId} failed: ${String(error)}`));
    }, delay);
    timer.unref();
    this.scheduled.set(companyId, { timer, since });
  }

  private async sweep(): Promise<void> {
    if (this.stopped) return;
    try {
      const rows = (await this.dataSource.query(
        `SELECT company_id AS id FROM analytics_pending_changes
         UNION SELECT company_id FROM analytics_product_changes
         UNION SELECT company_id FROM analytics_product_dirty
         LIMIT 1000`,
      )) as { id: string }[];
      for (const row of rows) {
        if (this.scheduled.has(row.id)) continue;
        const scope = scopeOfPendingChanges(row);
        await this.fold(scope);
        await this.foldProducts(scope);
      }
      // Also after a restart, a rebuild or writes that bypassed the folder (PGlite has no autovacuum).
      await this.statistics.refresh(FOLDED_TABLES);
    } catch (error) {
      if (!this.stopped) this.logger.warn(`Sweeping pending analytics changes failed: ${String(error)}`);
    }
  }
}
