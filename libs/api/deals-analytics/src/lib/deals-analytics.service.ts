import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AnalyticsCompany, Budget, invalid, poolShare, resolvePeriod } from '@crm/api/analytics';
import { type CompanyScope, TableStatistics, TenantDatabase } from '@crm/api/core';
import {
  coded,
  divideDecimal,
  type DealFunnelQueryDto,
  type DealFunnelResponse,
  type DealOwnersResponse,
  type DealPipelineQueryDto,
  type DealPipelineValueResponse,
  formatMoney,
  minorUnits,
  sumDecimals,
  type FunnelStageResponse,
  type StuckDealsResponse,
} from '@crm/shared/contracts';
import type { DataSource } from 'typeorm';
import { type FunnelInput, loadFunnel } from './funnel.query';
import type { TodayConversion } from './fx';
import { loadOwners } from './owners.query';
import { loadPipelineValue } from './pipeline.query';
import type { SqlRunner } from './sql-runner';
import { loadStuck } from './stuck.query';

interface Context {
  company: AnalyticsCompany;
  pipelineId: string;
  conversion: TodayConversion;
}

/** The deals a funnel-type read counts (the funnel, the owners): the pipeline's, in the asked period. */
function cohortOf(scope: CompanyScope, ctx: Context, query: DealFunnelQueryDto): FunnelInput {
  const { from, to } = resolvePeriod(ctx.company, query);
  return { scope, pipelineId: ctx.pipelineId, from, to, timeZone: ctx.company.timeZone, conversion: ctx.conversion };
}

const CONTEXT_SQL = `
  SELECT c.time_zone, trim(c.base_currency) AS base_currency, (now() AT TIME ZONE c.time_zone)::date::text AS today,
         (SELECT p.id FROM pipelines p WHERE p.company_id = c.id AND ($2::uuid IS NULL OR p.id = $2::uuid)
           ORDER BY p.position, p.created_at, p.id LIMIT 1) AS pipeline_id
    FROM companies c WHERE c.id = $1`;

/** A share 0..1 rounded to 4 digits, null for 0/0. */
export const share = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/** The tables the deals analytics read: their planner statistics are kept fresh by the product. */
export const DEAL_ANALYTICS_TABLES = [
  'deals',
  'deal_stage_changes',
  'deal_funnel_entries',
  'deal_funnel_stays',
  'pipeline_stages',
  'pipelines',
] as const;
/** How often one process looks at those tables' statistics (a catalog query), at most. */
const STATISTICS_CHECK_MS = 10_000;

const days = (value: string | null): number | null => (value === null ? null : Number(value));

/**
 * The funnel and pipeline analytics of deals. Every answer is read in one tenant transaction of the
 * company under half the pool
 * ({@link Budget}, like the sales analytics), by set-based statements over the deals tables.
 */
@Injectable()
export class DealsAnalyticsService {
  private readonly budget: Budget;
  private readonly statistics: TableStatistics;
  private statisticsCheckedAt = 0;

  constructor(
    private readonly tenantDb: TenantDatabase,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.budget = new Budget(poolShare(dataSource, 0.5));
    this.statistics = new TableStatistics(dataSource);
  }

  /**
   * Keeps the planner's statistics of the deals tables fresh, as the sales rollups do (issue 9): a
   * bulk load through the API, a backfill by a migration, or PGlite (no autovacuum) would otherwise
   * leave them missing or behind. Waits only when a table has none at all; checked at most every
   * {@link STATISTICS_CHECK_MS} per process.
   */
  private async freshStatistics(): Promise<void> {
    const now = Date.now();
    if (now - this.statisticsCheckedAt < STATISTICS_CHECK_MS) return;
    this.statisticsCheckedAt = now;
    await this.statistics.refresh(DEAL_ANALYTICS_TABLES);
  }

  funnel(scope: CompanyScope, query: DealFunnelQueryDto): Promise<DealFunnelResponse> {
    return this.read(scope, query.pipelineId, query.currency, async (sql, ctx) => {
      const cohort = cohortOf(scope, ctx, query);
      const { from, to } = cohort;
      const rows = await loadFunnel(sql, cohort);
      return {
        pipelineId: ctx.pipelineId,
        from,
        to,
        currency: ctx.conversion.currency,
        cohort: rows.cohort,
        stages: funnelStages(rows.stages, rows.cohort),
        winRate: share(rows.won, rows.won + rows.lost),
        averageDealSize:
          rows.wonValue === null || rows.wonConverted === 0
            ? null
            : averageOf(rows.wonValue, rows.wonConverted, ctx.conversion.currency),
        medianCycleDays: days(rows.medianCycleDays),
        unconvertedDeals: rows.won - rows.wonConverted,
      };
    });
  }

  pipeline(scope: CompanyScope, query: DealPipelineQueryDto): Promise<DealPipelineValueResponse> {
    return this.read(scope, query.pipelineId, query.currency, async (sql, ctx) => {
      const [stages, rows] = [
        await sql<{ id: string; name: string }>(
          `SELECT id, name FROM pipeline_stages
            WHERE company_id = $1 AND pipeline_id = $2 AND kind = 'open' AND deleted_at IS NULL
            ORDER BY position, id`,
          [scope.companyId, ctx.pipelineId],
        ),
        await loadPipelineValue(sql, scope, ctx.pipelineId, ctx.conversion),
      ];
      const currency = ctx.conversion.currency;
      const money = (value: string | null) => formatMoney(value ?? '0', currency);
      const byStage = new Map(rows.filter((r) => r.kind === 'stage').map((r) => [r.stageId, r]));
      const months = rows
        .filter((r) => r.kind === 'month' && r.count > 0)
        .sort((a, b) => (a.month === null ? 1 : b.month === null ? -1 : a.month.localeCompare(b.month)));
      const stageRows = rows.filter((r) => r.kind === 'stage');
      return {
        pipelineId: ctx.pipelineId,
        currency,
        byStage: stages.map((s) => {
          const r = byStage.get(s.id);
          return {
            stageId: s.id,
            name: s.name,
            count: r?.count ?? 0,
            value: money(r?.value ?? null),
            weightedValue: money(r?.weighted ?? null),
          };
        }),
        byCloseMonth: months.map((r) => ({
          month: r.month,
          count: r.count,
          value: money(r.value),
          weightedValue: money(r.weighted),
        })),
        totalValue: money(sumText(stageRows.map((r) => r.value))),
        totalWeightedValue: money(sumText(stageRows.map((r) => r.weighted))),
        unconvertedDeals: stageRows.reduce((n, r) => n + r.unconverted, 0),
      };
    });
  }

  stuck(scope: CompanyScope, query: DealPipelineQueryDto): Promise<StuckDealsResponse> {
    return this.read(scope, query.pipelineId, undefined, async (sql, ctx) => {
      const { total, items } = await loadStuck(sql, scope, ctx.pipelineId);
      return {
        pipelineId: ctx.pipelineId,
        total,
        items: items.map((i) => ({
          ...i,
          amount: formatMoney(i.amount, i.currency),
          inStageSince: new Date(i.inStageSince).toISOString(),
          daysInStage: Number(i.daysInStage),
          stageMedianDays: Number(i.stageMedianDays),
        })),
      };
    });
  }

  owners(scope: CompanyScope, query: DealFunnelQueryDto): Promise<DealOwnersResponse> {
    return this.read(scope, query.pipelineId, query.currency, async (sql, ctx) => {
      const cohort = cohortOf(scope, ctx, query);
      const { from, to } = cohort;
      const currency = ctx.conversion.currency;
      const rows = await loadOwners(sql, cohort);
      return {
        pipelineId: ctx.pipelineId,
        from,
        to,
        currency,
        items: rows.map((r) => ({
          ownerId: r.ownerId,
          deals: r.deals,
          won: r.won,
          lost: r.lost,
          winRate: share(r.won, r.won + r.lost),
          wonValue: formatMoney(r.wonValue ?? '0', currency),
          openDeals: r.openDeals,
          openValue: formatMoney(r.openValue ?? '0', currency),
        })),
      };
    });
  }

  /** Runs `work` in one read-only snapshot of the company with the context resolved. */
  private read<T>(
    scope: CompanyScope,
    pipelineId: string | undefined,
    currency: string | undefined,
    work: (sql: SqlRunner, ctx: Context) => Promise<T>,
  ): Promise<T> {
    return this.freshStatistics().then(() =>
      this.budget.run(() =>
        // On the read replica (DATABASE_READ_URL) when it has replayed the company's last write.
        this.tenantDb.read(scope, async (m) => {
          const sql: SqlRunner = <R>(text: string, params: readonly unknown[]) =>
            m.query(text, params as unknown[]) as Promise<R[]>;
          // JIT costs more than it saves on these statements; the stays' sorts get room in memory.
          await sql(`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`, []);
          const [row] = await sql<{
            time_zone: string;
            base_currency: string;
            today: string;
            pipeline_id: string | null;
          }>(CONTEXT_SQL, [scope.companyId, pipelineId ?? null]);
          if (!row) throw new NotFoundException(coded('company_not_found', 'Company not found'));
          if (!row.pipeline_id) {
            if (pipelineId) invalid('pipelineId', 'pipelineId is not a pipeline of this company');
            throw new NotFoundException(coded('not_found', 'The company has no pipeline'));
          }
          const company: AnalyticsCompany = {
            scope,
            timeZone: row.time_zone,
            baseCurrency: row.base_currency,
            today: row.today,
          };
          return work(sql, {
            company,
            pipelineId: row.pipeline_id,
            conversion: {
              scope,
              baseCurrency: row.base_currency,
              currency: currency ?? row.base_currency,
              today: row.today,
            },
          });
        }),
      ),
    );
  }
}

/** Entered/reached/conversion per stage from the per-stage rows (pipeline order). */
export function funnelStages(
  stages: {
    stageId: string;
    name: string;
    kind: 'open' | 'won' | 'lost';
    entered: number;
    furthest: number;
    medianDays: string | null;
  }[],
  cohort: number,
): FunnelStageResponse[] {
  // reached(s) = deals whose furthest open or won stage is s or later.
  const progress = stages.filter((s) => s.kind !== 'lost');
  const reached = new Map<string, number>();
  let running = 0;
  for (let i = progress.length - 1; i >= 0; i--) {
    running += progress[i].furthest;
    reached.set(progress[i].stageId, running);
  }
  let previous = cohort;
  return stages.map((s) => {
    if (s.kind === 'lost') {
      return {
        stageId: s.stageId,
        name: s.name,
        kind: s.kind,
        entered: s.entered,
        reached: s.entered,
        conversion: share(s.entered, cohort),
        medianDays: days(s.medianDays),
      };
    }
    const r = reached.get(s.stageId) ?? 0;
    const conversion = share(r, previous);
    previous = r;
    return {
      stageId: s.stageId,
      name: s.name,
      kind: s.kind,
      entered: s.entered,
      reached: r,
      conversion,
      medianDays: days(s.medianDays),
    };
  });
}

/** `sum / n`, exact to the currency's minor unit (half-up, once). */
function averageOf(sum: string, n: number, currency: string): string {
  return divideDecimal(sum, BigInt(n), minorUnits(currency));
}

/** Exact sum of numeric texts (nulls are 0). */
function sumText(values: (string | null)[]): string {
  return sumDecimals(values.map((v) => v ?? '0'));
}
