import { Inject, Injectable, Logger, type OnModuleInit, HttpException } from '@nestjs/common';
import { CustomerInsightsService, IndicatorsService, RevenueForecastService } from '@crm/api/analytics';
import { APP_CONFIG, type AppConfig, type CompanyScope, TenantDatabase } from '@crm/api/core';
import { Clock, JobQueue, type QueuedJob } from '@crm/api/jobs';
import { PipelinesService } from '@crm/api/deals';
import { DealsAnalyticsService } from '@crm/api/deals-analytics';
import type { ReportType } from '@crm/shared/contracts';
import { GENERATE_QUEUE, type GenerateJob, scopeOfGenerateJob } from '../reports.service';
import { completeSnapshot, failSnapshot, setProgress, type StoredResult } from '../reports.store';
import { companyToday } from '../schedule/company-time';
import type { AnalyticsServices, GenerationInput, StoredParams } from './report-draft';
import { REPORT_NARRATOR, type ReportNarrator } from './report-narrator';
import { ReportDelivery } from '../delivery/report-delivery';
import { reportTypeDefinition } from '../types/report-types';

/** Tries of a generation: the first and two retries (a crash, a lost connection). */
export const GENERATE_RETRIES = 2;

/**
 * The worker of `reports-generate`: reads the snapshot's parameters, computes the report with the
 * analytics services (each call its own short read, none inside our transactions), lets the
 * narrator write the conclusions and stores the result and the tables' rows in one tenant
 * transaction. A bad-input answer of the analytics (a 4xx) fails the snapshot at once with its
 * message; other errors are retried and the last try fails the snapshot with the error.
 */
@Injectable()
export class ReportGenerator implements OnModuleInit {
  private readonly logger = new Logger('ReportGenerator');
  private readonly services: AnalyticsServices;

  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly delivery: ReportDelivery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REPORT_NARRATOR) private readonly narrator: ReportNarrator,
    indicators: IndicatorsService,
    forecasts: RevenueForecastService,
    insights: CustomerInsightsService,
    deals: DealsAnalyticsService,
    pipelines: PipelinesService,
  ) {
    this.services = { indicators, forecasts, insights, deals, pipelines };
  }

  onModuleInit(): void {
    this.jobs.define<GenerateJob>({
      name: GENERATE_QUEUE,
      expireInSeconds: this.config.jobs.reportExpireSeconds,
      retryLimit: GENERATE_RETRIES,
      retryDelaySeconds: 1,
      concurrency: 1,
      handler: (job) => this.run(job),
    });
  }

  async run(job: QueuedJob<GenerateJob>): Promise<void> {
    const { snapshotId } = job.data;
    const scope = scopeOfGenerateJob(job.data);
    try {
      const done = await this.generate(scope, job.data);
      if (done) await this.delivery.deliver(scope, job.data.reportId, snapshotId);
    } catch (error) {
      const permanent = error instanceof HttpException && error.getStatus() < 500;
      const last = job.retryCount >= job.retryLimit;
      this.logger.warn(
        `Report snapshot ${snapshotId} try ${job.retryCount + 1} failed: ${(error as Error).message}${permanent || last ? '' : ' (will retry)'}`,
      );
      if (permanent || last) {
        await this.tenantDb.run(scope, (m) => failSnapshot(m, scope, snapshotId, reasonOf(error)));
        return;
      }
      throw error;
    }
  }

  /** Computes and stores the snapshot; false when it is no longer running (done by another try, or deleted). */
  async generate(scope: CompanyScope, data: Pick<GenerateJob, 'reportId' | 'snapshotId'>): Promise<boolean> {
    const { reportId, snapshotId } = data;
    const loaded = await this.tenantDb.run(scope, async (m) => {
      const [row] = (await m.query(
        `SELECT r.type, r.params, s.status, s.period_from::text AS period_from, s.period_to::text AS period_to, c.time_zone
           FROM report_snapshots s JOIN reports r ON r.company_id = s.company_id AND r.id = s.report_id
           JOIN companies c ON c.id = s.company_id
          WHERE s.company_id = $1 AND s.id = $2 AND s.report_id = $3`,
        [scope.companyId, snapshotId, reportId],
      )) as {
        type: ReportType;
        params: StoredParams;
        status: string;
        period_from: string;
        period_to: string;
        time_zone: string;
      }[];
      if (row?.status === 'running') await setProgress(m, scope, snapshotId, 'started', 0.02);
      return row;
    });
    if (!loaded || loaded.status !== 'running') return false;
    const input: GenerationInput = {
      scope,
      type: loaded.type,
      from: loaded.period_from,
      to: loaded.period_to,
      today: companyToday(this.clock.now(), loaded.time_zone),
      currency: loaded.params.currency ?? undefined,
      filters: loaded.params.filters ?? {},
      progress: async (stage, fraction) => {
        await this.testFault(stage);
        await this.tenantDb.run(scope, (m) => setProgress(m, scope, snapshotId, stage, fraction));
      },
    };
    const draft = await reportTypeDefinition(loaded.type).build(this.services, input);
    await input.progress('insights', 0.9);
    const narrated = await this.narrator.narrate(loaded.type, draft);
    const insights = Array.isArray(narrated) ? narrated : narrated.insights;
    await input.progress('saving', 0.95);
    const result: StoredResult = {
      summary: draft.summary,
      charts: draft.charts,
      insights,
      narrator: Array.isArray(narrated) ? this.narrator.name : narrated.narrator,
      tables: draft.tables.map((t) => ({ key: t.key, columns: t.columns, totalRows: t.rows.length })),
    };
    return this.tenantDb.run(scope, (m) =>
      completeSnapshot(m, scope, snapshotId, result, draft.tables, draft.summary.noData),
    );
  }

  /**
   * Fault injection for the jobs spec, NODE_ENV=test only: `REPORTS_TEST_STAGE_DELAY_MS` slows every
   * stage (so a spec can stop the API mid-job), `REPORTS_TEST_FAIL_STAGE` makes that stage throw on
   * every try (so a spec sees a failure after the retries, with its reason).
   */
  private async testFault(stage: string): Promise<void> {
    if (process.env['NODE_ENV'] !== 'test') return;
    const delay = Number(process.env['REPORTS_TEST_STAGE_DELAY_MS'] ?? 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (process.env['REPORTS_TEST_FAIL_STAGE'] === stage) throw new Error(`Simulated failure at stage ${stage}`);
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof HttpException) {
    const body = error.getResponse() as { message?: unknown; details?: { field: string; messages: string[] }[] };
    const details = body.details?.map((d) => `${d.field}: ${d.messages.join('; ')}`).join('; ');
    return [typeof body.message === 'string' ? body.message : error.message, details].filter(Boolean).join(': ');
  }
  return error instanceof Error ? error.message : String(error);
}
