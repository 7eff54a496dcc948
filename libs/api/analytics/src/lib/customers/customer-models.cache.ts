/**
 * The fitted customer models of `analytics/segments` and `…/outlook`, cached per company: in memory
 * (the customer base, RFM scores, models, product rules) and in `analytics_customer_models` (the
 * fitted parameters, so a restart does not refit). The request API is {@link CustomerInsightsService}.
 *
 * Freshness: an entry is refreshed in the background — never inside a write, never making a reader
 * wait for it — once the company's paid sales drift more than 5% from the count it was built on,
 * it is a day old, or "today" moved on. Writes only mark the company (through `SaleChangeHooks`);
 * a debounced sweep does the checking and the rebuilding. Readers get the entry they find (a
 * missing entry is built on the spot, once, shared by concurrent readers). Every read and write of
 * the database, the background ones included, runs in a tenant transaction of the entry's company.
 */
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  type BgNbdParams,
  fitBgNbd,
  fitGammaGamma,
  type GammaGammaParams,
  RFM_SEGMENTS,
  type RfmSegment,
  summarizeRfmSegments,
} from '@crm/api/analytics-models';
import { type CompanyScope, SaleChangeHooks, TenantDatabase } from '@crm/api/core';
import type { CustomerModelInfoResponse, CustomerOutlookQueryDto, RfmSegmentsResponse } from '@crm/shared/contracts';
import { dayNumber } from '../calendar';
import { money, sumDecimals } from '../decimal';
import { IndicatorsService, managerRunner } from '../indicators/indicators.service';
import { count, type SqlRunner } from '../sql';
import { buildCustomerBase, loadCustomerRows } from './customer-base';
import { mineProductRules, type ProductRules } from './product-rules';

/** Relative change of paid sales that makes a cached entry stale. */
export const REFRESH_DRIFT = 0.05;
/** Age that makes a cached entry stale. */
export const REFRESH_AGE_MS = 24 * 3600 * 1000;
/** Customers the models are fitted on at most (an even sample of the base beyond that). */
export const FIT_SAMPLE = 25_000;
const CACHE_ENTRIES = 6;
const SWEEP_MS = 60_000;
const DEBOUNCE_MS = 5_000;

export type ModelStatus = CustomerModelInfoResponse['status'];

/** `make()` once per key at a time: a caller that comes while it runs gets the same promise. */
function singleFlight<T>(running: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const current = running.get(key);
  if (current) return current;
  const promise = make().finally(() => running.delete(key));
  running.set(key, promise);
  return promise;
}

/** Keeps `value` as the most recently used entry, dropping the least recently used beyond CACHE_ENTRIES. */
function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  cache.delete(key);
  cache.set(key, value);
  while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
}

export interface FittedModels {
  status: ModelStatus;
  fittedAt: Date;
  customers: number;
  bgnbd: BgNbdParams | null;
  gammaGamma: GammaGammaParams | null;
}

/** One company's customer base as of a day, compactly: per-client arrays indexed by `index`. */
export interface Insights {
  key: string;
  scope: CompanyScope;
  currency: string;
  asOf: string;
  /** asOf was "today" when built: the entry follows the calendar. */
  followsToday: boolean;
  builtAt: number;
  paidSales: number;
  index: Map<string, number>;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  averageRepeatValue: Float64Array;
  firstDay: Int32Array;
  lastDay: Int32Array;
  rfm: string[];
  segment: Uint8Array;
  segments: RfmSegmentsResponse['items'];
  models: FittedModels;
}

export interface RulesEntry {
  /** The company the rules were mined for. */
  scope: CompanyScope;
  builtAt: number;
  paidSales: number;
  rules: ProductRules;
}

/**
 * The scope the sweep rebuilds a company's entries in: the company of a scope this cache already
 * holds (a request's or a writer's), without the user of the request that filled it — background
 * work acts for the company only (ADR 0001).
 */
const backgroundScope = (held: CompanyScope): CompanyScope => ({ companyId: held.companyId });

@Injectable()
export class CustomerModelCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CustomerModels');
  private readonly insights = new Map<string, Insights>();
  private readonly building = new Map<string, Promise<Insights>>();
  private readonly rules = new Map<string, RulesEntry>();
  private readonly rulesBuilding = new Map<string, Promise<RulesEntry>>();
  /** Companies written since the last sweep, by id. */
  private readonly dirty = new Map<string, CompanyScope>();
  private sweepTimer?: NodeJS.Timeout;
  private debounceTimer?: NodeJS.Timeout;

  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly indicators: IndicatorsService,
    private readonly hooks: SaleChangeHooks,
  ) {}

  onModuleInit(): void {
    // Inside the writer's transaction: only remember the company, no query and no waiting.
    this.hooks.register({
      onSalesChanged: async (_m, scope) => {
        this.markDirty(scope);
      },
    });
    this.sweepTimer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweepTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweepTimer);
    clearTimeout(this.debounceTimer);
  }

  /** The cached entry of the request's key; built now when missing, refreshed later when stale. */
  async entry(scope: CompanyScope, query: CustomerOutlookQueryDto): Promise<Insights> {
    const state = await this.indicators.read(scope, query.currency, async (ctx) => ({
      currency: ctx.conversion.currency,
      today: ctx.company.today,
      paidSales: await paidSalesCount(ctx.sql, scope),
    }));
    const asOf = query.asOf ?? state.today;
    const key = `${scope.companyId}|${state.currency}|${asOf}`;
    const cached = this.insights.get(key);
    if (cached) {
      this.insights.delete(key);
      this.insights.set(key, cached); // most recently used last
      if (isStale(cached, state.paidSales, state.today))
        void this.refresh(key, scope, state.currency, asOf, cached.followsToday);
      return cached;
    }
    return this.build(key, scope, state.currency, asOf, asOf === state.today);
  }

  /** The company's product rules; mined now when missing, refreshed by the sweep when stale. */
  rulesFor(scope: CompanyScope): Promise<RulesEntry> {
    const { companyId } = scope;
    const cached = this.rules.get(companyId);
    if (cached) return Promise.resolve(cached);
    return singleFlight(this.rulesBuilding, companyId, async () => {
      await this.indicators.foldPending(scope);
      const { paidSales, rules } = await this.tenantDb.run(scope, async (m) => ({
        paidSales: await paidSalesCount(managerRunner(m), scope),
        rules: await mineProductRules(managerRunner(m), scope),
      }));
      const entry = { scope, builtAt: Date.now(), paidSales, rules };
      remember(this.rules, companyId, entry);
      return entry;
    });
  }

  private build(
    key: string,
    scope: CompanyScope,
    currency: string,
    asOf: string,
    followsToday: boolean,
  ): Promise<Insights> {
    return singleFlight(this.building, key, () =>
      this.compute(key, scope, currency, asOf, followsToday).then((entry) => {
        remember(this.insights, key, entry);
        return entry;
      }),
    );
  }

  private refresh(
    key: string,
    scope: CompanyScope,
    currency: string,
    asOf: string,
    followsToday: boolean,
  ): Promise<void> {
    return this.build(key, scope, currency, asOf, followsToday).then(
      () => undefined,
      (error: unknown) =>
        this.logger.error(`Refreshing ${key} failed: ${error instanceof Error ? error.stack : String(error)}`),
    );
  }

  private async compute(
    key: string,
    scope: CompanyScope,
    currency: string,
    asOf: string,
    followsToday: boolean,
  ): Promise<Insights> {
    const { rows, paidSales, stored } = await this.indicators.read(scope, currency, async (ctx) => ({
      rows: await loadCustomerRows(ctx.sql, ctx, asOf),
      paidSales: await paidSalesCount(ctx.sql, scope),
      stored: await storedModels(ctx.sql, scope, currency, asOf),
    }));
    // CPU work happens outside the snapshot, so no connection waits on it.
    const base = buildCustomerBase(rows, asOf, currency);
    const customers = base.calibration.customers;
    const reusable =
      stored && !isDrifted(stored.paidSales, paidSales) && Date.now() - stored.fittedAt.getTime() < REFRESH_AGE_MS;
    const models: FittedModels = reusable && stored ? stored : fitModels(customers);
    if (!reusable) {
      await this.tenantDb.run(scope, (m) =>
        m.query(
          `INSERT INTO analytics_customer_models (company_id, currency, as_of, fitted_at, paid_sales, customers, status, params)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (company_id, currency, as_of) DO UPDATE SET fitted_at = EXCLUDED.fitted_at, paid_sales = EXCLUDED.paid_sales,
             customers = EXCLUDED.customers, status = EXCLUDED.status, params = EXCLUDED.params`,
          [
            scope.companyId,
            currency,
            asOf,
            models.fittedAt,
            paidSales,
            models.customers,
            models.status,
            JSON.stringify({ bgnbd: models.bgnbd, gammaGamma: models.gammaGamma }),
          ],
        ),
      );
    }
    const n = customers.length;
    const summaries = summarizeRfmSegments(base.scores);
    const revenueBySegment = new Map<RfmSegment, string[]>();
    base.scores.forEach((score, i) => {
      const list = revenueBySegment.get(score.segment) ?? [];
      list.push(base.rows[i].total);
      revenueBySegment.set(score.segment, list);
    });
    const entry: Insights = {
      key,
      scope,
      currency,
      asOf,
      followsToday,
      builtAt: Date.now(),
      paidSales,
      index: base.indexOf,
      x: Float64Array.from(customers, (c) => c.x),
      tx: Float64Array.from(customers, (c) => c.tx),
      T: Float64Array.from(customers, (c) => c.T),
      averageRepeatValue: Float64Array.from(customers, (c) => c.averageRepeatValue),
      firstDay: Int32Array.from(base.rows, (r) => dayNumber(r.firstDay)),
      lastDay: Int32Array.from(base.rows, (r) => dayNumber(r.lastDay)),
      rfm: base.scores.map((s) => s.code),
      segment: Uint8Array.from(base.scores, (s) => RFM_SEGMENTS.indexOf(s.segment)),
      segments: summaries.map((s) => ({
        segment: s.segment,
        clients: s.clients,
        revenue: money(sumDecimals(revenueBySegment.get(s.segment) ?? []), currency),
        clientShare: s.clientShare,
        meanRecencyDays: s.meanRecencyDays,
        meanFrequency: s.meanFrequency,
      })),
      models,
    };
    this.logger.debug(`Built ${key}: ${n} customers, models ${models.status}`);
    return entry;
  }

  private markDirty(scope: CompanyScope): void {
    this.dirty.set(scope.companyId, scope);
    clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => void this.sweep([...this.dirty.values()]), DEBOUNCE_MS);
    this.debounceTimer.unref();
  }

  /**
   * Rebuilds, one after another, the cached entries (of `only` companies) that went stale. Background
   * work for each company in turn, in tenant transactions of that company.
   */
  async sweep(only?: readonly CompanyScope[]): Promise<void> {
    if (only) for (const s of only) this.dirty.delete(s.companyId);
    const companies = new Map<string, CompanyScope>();
    const held =
      only ?? [...this.insights.values()].map((e) => e.scope).concat([...this.rules.values()].map((r) => r.scope));
    for (const s of held) if (!companies.has(s.companyId)) companies.set(s.companyId, backgroundScope(s));
    for (const scope of companies.values()) {
      const { companyId } = scope;
      try {
        const state = await this.indicators.read(scope, undefined, async (ctx) => ({
          today: ctx.company.today,
          paidSales: await paidSalesCount(ctx.sql, scope),
        }));
        for (const entry of [...this.insights.values()].filter((e) => e.scope.companyId === companyId)) {
          if (!isStale(entry, state.paidSales, state.today)) continue;
          if (entry.followsToday && entry.asOf !== state.today) {
            this.insights.delete(entry.key);
            await this.refresh(
              `${companyId}|${entry.currency}|${state.today}`,
              scope,
              entry.currency,
              state.today,
              true,
            );
          } else {
            await this.refresh(entry.key, scope, entry.currency, entry.asOf, entry.followsToday);
          }
        }
        const rules = this.rules.get(companyId);
        if (rules && (isDrifted(rules.paidSales, state.paidSales) || Date.now() - rules.builtAt > REFRESH_AGE_MS)) {
          this.rules.delete(companyId);
          await this.rulesFor(scope);
        }
      } catch (error) {
        this.logger.warn(
          `Background refresh of company ${companyId} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}

/** Paid sales of the company (every paid sale has one n1 cell in the buyer grid's projection). */
async function paidSalesCount(sql: SqlRunner, scope: CompanyScope): Promise<number> {
  const [row] = await sql<{ n: string }>(
    `SELECT coalesce(sum(n1), 0) AS n FROM analytics_buyer_prev WHERE company_id = $1`,
    [scope.companyId],
  );
  return count(row?.n);
}

async function storedModels(
  sql: SqlRunner,
  scope: CompanyScope,
  currency: string,
  asOf: string,
): Promise<(FittedModels & { paidSales: number }) | null> {
  const [row] = await sql<{
    fitted_at: Date;
    paid_sales: string;
    customers: number;
    status: ModelStatus;
    params: { bgnbd: BgNbdParams | null; gammaGamma: GammaGammaParams | null };
  }>(
    `SELECT fitted_at, paid_sales, customers, status, params FROM analytics_customer_models WHERE company_id = $1 AND currency = $2 AND as_of = $3`,
    [scope.companyId, currency, asOf],
  );
  if (!row) return null;
  return {
    status: row.status,
    fittedAt: new Date(row.fitted_at),
    customers: row.customers,
    bgnbd: row.params.bgnbd,
    gammaGamma: row.params.gammaGamma,
    paidSales: count(row.paid_sales),
  };
}

function isDrifted(before: number, now: number): boolean {
  return Math.abs(now - before) > REFRESH_DRIFT * Math.max(before, 1);
}

function isStale(entry: Insights, paidSales: number, today: string): boolean {
  return (
    isDrifted(entry.paidSales, paidSales) ||
    Date.now() - entry.builtAt > REFRESH_AGE_MS ||
    (entry.followsToday && entry.asOf !== today)
  );
}

/**
 * BG/NBD and Gamma-Gamma by maximum likelihood on the customers (an even sample of
 * {@link FIT_SAMPLE} when there are more), each model independently: a base where nobody bought
 * twice has neither; Gamma-Gamma needs two repeat customers.
 */
export function fitModels(
  customers: readonly { x: number; tx: number; T: number; averageRepeatValue: number }[],
): FittedModels {
  const fittedAt = new Date();
  if (customers.length === 0) return { status: 'no-purchases', fittedAt, customers: 0, bgnbd: null, gammaGamma: null };
  const step = Math.max(1, customers.length / FIT_SAMPLE);
  const sample =
    step === 1
      ? customers
      : Array.from({ length: Math.floor(customers.length / step) }, (_, k) => customers[Math.floor(k * step)]);
  let bgnbd: BgNbdParams | null = null;
  let gammaGamma: GammaGammaParams | null = null;
  try {
    bgnbd = fitBgNbd(sample).params;
  } catch {
    return { status: 'no-repeat-purchases', fittedAt, customers: customers.length, bgnbd: null, gammaGamma: null };
  }
  try {
    gammaGamma = fitGammaGamma(sample.map((c) => ({ x: c.x, averageValue: c.averageRepeatValue }))).params;
  } catch {
    gammaGamma = null;
  }
  return { status: 'fitted', fittedAt, customers: customers.length, bgnbd, gammaGamma };
}
