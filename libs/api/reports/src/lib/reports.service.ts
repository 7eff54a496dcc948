import { ConflictException, ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { type CompanyScope, InvalidInputException, TenantDatabase } from '@crm/api/core';
import { Clock, JobQueue } from '@crm/api/jobs';
import {
  ANALYTICS_MAX_RANGE_DAYS,
  coded,
  type CreateReportDto,
  type FieldError,
  type ListReportsQueryDto,
  type PutReportScheduleDto,
  REPORT_TABLE_PREVIEW_ROWS,
  type ReportFiltersResponse,
  type ReportListItemResponse,
  type ReportListResponse,
  type ReportResponse,
  type ReportRunsResponse,
  type ReportScheduleResponse,
  type ShareReportDto,
} from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';
import { addDays, daysInclusive } from './dates';
import type { StoredParams } from './generation/report-draft';
import { reportTypeDefinition } from './types/report-types';
import { presetPeriod, type Period } from './period';
import {
  failSnapshot,
  findSchedule,
  findSnapshot,
  findVisible,
  insertReport,
  insertSnapshot,
  listVisible,
  previewRows,
  type ReportRow,
  scheduledRuns,
  type ScheduleRow,
  setJob,
  type SnapshotRow,
  type Viewer,
} from './reports.store';
import { nextRun } from './schedule/next-run';
import { companyToday } from './schedule/company-time';

export const GENERATE_QUEUE = 'reports-generate';

/** What a generation job carries: ids only; everything else is read when it runs. */
export interface GenerateJob {
  companyId: string;
  reportId: string;
  snapshotId: string;
  userId: string;
}

/**
 * System boundary (ADR 0001): the scope a generation job runs in, from the company and author its
 * payload names. The payload was written by {@link ReportsService.enqueue} from a guard-resolved
 * (or scheduler-fired) scope; this is the one place the worker turns it back into one.
 */
export const scopeOfGenerateJob = (job: GenerateJob): CompanyScope => ({
  companyId: job.companyId,
  userId: job.userId,
});

const notFound = () => new NotFoundException(coded('report_not_found', 'Report not found'));

export const viewerOf = (scope: CompanyScope): Viewer => ({
  scope,
  userId: scope.userId as string,
  manager: scope.role === 'owner' || scope.role === 'admin',
});

const canManage = (viewer: Viewer, row: ReportRow) => viewer.manager || row.created_by === viewer.userId;

@Injectable()
export class ReportsService {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  async create(scope: CompanyScope, dto: CreateReportDto): Promise<ReportResponse> {
    const viewer = viewerOf(scope);
    const { reportId, snapshotId } = await this.tenantDb.run(scope, async (m) => {
      const today = await this.today(m, scope);
      const period = this.resolvePeriod(dto, today);
      const filters = await this.checkFilters(m, scope, dto);
      const params: StoredParams = {
        type: dto.type,
        from: period.from,
        to: period.to,
        preset: dto.preset ?? null,
        currency: dto.currency ?? null,
        filters,
      };
      const title = dto.title?.trim() || `${reportTypeDefinition(dto.type).label.ru}: ${period.from} — ${period.to}`;
      const reportId = await insertReport(m, scope, {
        type: dto.type,
        title,
        params,
        createdBy: viewer.userId,
      });
      const snapshotId = await insertSnapshot(m, scope, {
        reportId,
        trigger: 'create',
        from: period.from,
        to: period.to,
        createdBy: viewer.userId,
      });
      return { reportId, snapshotId };
    });
    await this.enqueue(scope, { reportId, snapshotId, userId: viewer.userId });
    return this.get(scope, reportId);
  }

  /** «Обновить»: a new snapshot of the same parameters (a preset is resolved again as of today). */
  async regenerate(scope: CompanyScope, id: string): Promise<ReportResponse> {
    const viewer = viewerOf(scope);
    const snapshotId = await this.tenantDb.run(scope, async (m) => {
      const row = await findVisible(m, viewer, id);
      if (!row) throw notFound();
      const period = row.params.preset
        ? presetPeriod(row.params.preset, await this.today(m, scope))
        : { from: row.params.from, to: row.params.to };
      return insertSnapshot(m, scope, {
        reportId: id,
        trigger: 'regenerate',
        from: period.from,
        to: period.to,
        createdBy: viewer.userId,
      });
    });
    await this.enqueue(scope, { reportId: id, snapshotId, userId: viewer.userId });
    return this.get(scope, id);
  }

  /**
   * Queues the generation of `scope`'s snapshot (outside any transaction); a queue that refuses fails
   * the snapshot with the reason. The payload names the company of `scope`.
   */
  async enqueue(scope: CompanyScope, ids: Omit<GenerateJob, 'companyId'>): Promise<void> {
    const job: GenerateJob = { companyId: scope.companyId, ...ids };
    try {
      const jobId = await this.jobs.send(GENERATE_QUEUE, job);
      await this.tenantDb.run(scope, (m) => setJob(m, scope, job.snapshotId, jobId));
    } catch (error) {
      this.logger.error(`Queueing report ${job.reportId} failed: ${(error as Error).message}`);
      await this.tenantDb.run(scope, (m) =>
        failSnapshot(m, scope, job.snapshotId, 'The job queue could not take the generation; try again.'),
      );
    }
  }

  async list(scope: CompanyScope, query: ListReportsQueryDto): Promise<ReportListResponse> {
    const viewer = viewerOf(scope);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { rows, total } = await this.tenantDb.run(scope, (m) =>
      listVisible(m, viewer, {
        scope: query.scope ?? 'all',
        type: query.type,
        q: query.q?.trim() || undefined,
        sort: query.sort ?? '-createdAt',
        page,
        pageSize,
      }),
    );
    return { items: rows.map((row) => listItem(viewer, row)), total, page, pageSize };
  }

  async get(scope: CompanyScope, id: string, snapshotId?: string): Promise<ReportResponse> {
    const viewer = viewerOf(scope);
    const found = await this.tenantDb.run(scope, async (m) => {
      const row = await findVisible(m, viewer, id);
      if (!row) throw notFound();
      const snapshot = await findSnapshot(m, scope, id, snapshotId ?? row.snapshot_id);
      if (!snapshot) throw notFound();
      const schedule = await findSchedule(m, scope, id);
      const rows =
        snapshot.status === 'ready' ? await previewRows(m, scope, snapshot.id, REPORT_TABLE_PREVIEW_ROWS) : null;
      return { row, snapshot, schedule, rows };
    });
    let { snapshot } = found;
    if (snapshot.status === 'running') snapshot = await this.reconcile(scope, snapshot);
    const { row, schedule, rows } = found;
    return {
      ...listItem(viewer, row),
      status: snapshot.status,
      progress: snapshot.progress,
      updatedAt: snapshot.created_at.toISOString(),
      params: { ...row.params, from: snapshot.period_from, to: snapshot.period_to },
      snapshotId: snapshot.id,
      error: snapshot.error,
      stage: snapshot.stage,
      generatedAt: snapshot.generated_at?.toISOString() ?? null,
      schedule: schedule ? scheduleResponse(schedule) : null,
      result:
        snapshot.status === 'ready' && snapshot.result && rows
          ? {
              ...snapshot.result,
              tables: snapshot.result.tables.map((t) => ({ ...t, rows: rows.get(t.key) ?? [] })),
            }
          : null,
    };
  }

  /**
   * A running snapshot whose job the queue has given up on (its process died and the retries ran
   * out, or it was cancelled) is failed here, with the reason, instead of running for ever.
   */
  private async reconcile(scope: CompanyScope, snapshot: SnapshotRow): Promise<SnapshotRow> {
    if (!snapshot.job_id) return snapshot;
    const state = await this.jobs.state(GENERATE_QUEUE, snapshot.job_id).catch(() => null);
    if (!state || !['failed', 'cancelled', 'completed'].includes(state.state)) return snapshot;
    const output = state.output as { message?: string } | null;
    const reason =
      state.state === 'completed'
        ? 'The generation ended without a result.'
        : `The generation stopped: ${output?.message ?? state.state}.`;
    await this.tenantDb.run(scope, (m) => failSnapshot(m, scope, snapshot.id, reason));
    return { ...snapshot, status: 'failed', error: reason, stage: null };
  }

  async share(scope: CompanyScope, id: string, dto: ShareReportDto): Promise<ReportResponse> {
    const viewer = viewerOf(scope);
    await this.tenantDb.run(scope, async (m) => {
      const row = await this.managed(m, viewer, id);
      if (dto.userIds !== undefined) {
        const userIds = [...new Set(dto.userIds)].filter((u) => u !== row.created_by);
        await this.checkMembers(m, scope, userIds, 'userIds');
        await m.query(
          `DELETE FROM report_shares WHERE company_id = $1 AND report_id = $2 AND NOT (user_id = ANY ($3))`,
          [scope.companyId, id, userIds],
        );
        await m.query(
          `INSERT INTO report_shares (company_id, report_id, user_id) SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING`,
          [scope.companyId, id, userIds],
        );
      }
      if (dto.company !== undefined) {
        await m.query(`UPDATE reports SET shared_with_company = $3 WHERE company_id = $1 AND id = $2`, [
          scope.companyId,
          id,
          dto.company,
        ]);
      }
    });
    return this.get(scope, id);
  }

  async delete(scope: CompanyScope, id: string): Promise<void> {
    const viewer = viewerOf(scope);
    await this.tenantDb.run(scope, async (m) => {
      await this.managed(m, viewer, id);
      await m.query(`DELETE FROM reports WHERE company_id = $1 AND id = $2`, [scope.companyId, id]);
    });
  }

  async putSchedule(scope: CompanyScope, id: string, dto: PutReportScheduleDto): Promise<ReportScheduleResponse> {
    const viewer = viewerOf(scope);
    const now = this.clock.now();
    await this.tenantDb.run(scope, async (m) => {
      await this.managed(m, viewer, id);
      const recipients = [...new Set(dto.recipients)];
      await this.checkMembers(m, scope, recipients, 'recipients');
      const [company] = (await m.query(`SELECT time_zone FROM companies WHERE id = $1`, [scope.companyId])) as {
        time_zone: string;
      }[];
      const rule = {
        frequency: dto.frequency,
        weekday: dto.frequency === 'weekly' ? (dto.weekday ?? null) : null,
        dayOfMonth: dto.frequency === 'monthly' ? (dto.dayOfMonth ?? null) : null,
        time: dto.time,
        timeZone: company.time_zone,
      };
      await m.query(
        `INSERT INTO report_schedules (company_id, report_id, frequency, weekday, day_of_month, local_time, recipients, next_run_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (company_id, report_id) DO UPDATE SET frequency = EXCLUDED.frequency, weekday = EXCLUDED.weekday,
           day_of_month = EXCLUDED.day_of_month, local_time = EXCLUDED.local_time, recipients = EXCLUDED.recipients,
           next_run_at = EXCLUDED.next_run_at, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [
          scope.companyId,
          id,
          rule.frequency,
          rule.weekday,
          rule.dayOfMonth,
          rule.time,
          recipients,
          nextRun(rule, now),
          viewer.userId,
        ],
      );
    });
    const schedule = await this.tenantDb.run(scope, (m) => findSchedule(m, scope, id));
    return scheduleResponse(schedule as ScheduleRow);
  }

  async deleteSchedule(scope: CompanyScope, id: string): Promise<void> {
    const viewer = viewerOf(scope);
    await this.tenantDb.run(scope, async (m) => {
      await this.managed(m, viewer, id);
      const schedule = await findSchedule(m, scope, id);
      if (!schedule) throw new NotFoundException(coded('report_schedule_not_found', 'The report has no schedule'));
      await m.query(`DELETE FROM report_schedules WHERE company_id = $1 AND report_id = $2`, [scope.companyId, id]);
    });
  }

  async runs(scope: CompanyScope, id: string): Promise<ReportRunsResponse> {
    const viewer = viewerOf(scope);
    const rows = await this.tenantDb.run(scope, async (m) => {
      if (!(await findVisible(m, viewer, id))) throw notFound();
      return scheduledRuns(m, scope, id);
    });
    return {
      items: rows.map((s) => ({
        id: s.id,
        status: s.status,
        scheduledFor: (s.scheduled_for ?? s.created_at).toISOString(),
        createdAt: s.created_at.toISOString(),
        generatedAt: s.generated_at?.toISOString() ?? null,
        from: s.period_from,
        to: s.period_to,
        noData: s.no_data,
        delivery: s.delivery,
        mailedTo: s.mailed_to,
        error: s.error,
      })),
    };
  }

  /** The report and a snapshot of it ready to export (409 while it is running or when it failed). */
  async forExport(
    scope: CompanyScope,
    id: string,
    snapshotId?: string,
  ): Promise<{ row: ReportRow; snapshot: SnapshotRow }> {
    const viewer = viewerOf(scope);
    const found = await this.tenantDb.run(scope, async (m) => {
      const row = await findVisible(m, viewer, id);
      if (!row) throw notFound();
      const snapshot = await findSnapshot(m, scope, id, snapshotId ?? row.snapshot_id);
      if (!snapshot) throw notFound();
      return { row, snapshot };
    });
    if (found.snapshot.status !== 'ready' || !found.snapshot.result) {
      throw new ConflictException(
        coded(
          'report_not_ready',
          found.snapshot.status === 'running'
            ? 'The report is still being generated; export it once it is ready'
            : 'The report failed to generate; regenerate it before exporting',
        ),
      );
    }
    return found;
  }

  /** A visible report the caller may manage: 404 when not visible, 403 when only visible. */
  private async managed(m: EntityManager, viewer: Viewer, id: string): Promise<ReportRow> {
    const row = await findVisible(m, viewer, id);
    if (!row) throw notFound();
    if (!canManage(viewer, row)) {
      throw new ForbiddenException(coded('forbidden', 'Only the author, owners and admins may change this report'));
    }
    return row;
  }

  private async today(m: EntityManager, scope: CompanyScope): Promise<string> {
    const [company] = (await m.query(`SELECT time_zone FROM companies WHERE id = $1`, [scope.companyId])) as {
      time_zone: string;
    }[];
    return companyToday(this.clock.now(), company?.time_zone ?? 'UTC');
  }

  private resolvePeriod(dto: CreateReportDto, today: string): Period {
    const period = dto.preset ? presetPeriod(dto.preset, today) : { from: dto.from as string, to: dto.to as string };
    const errors: FieldError[] = [];
    if (period.from > period.to)
      errors.push({ field: 'from', messages: [`from (${period.from}) must not be after to (${period.to})`] });
    else if (daysInclusive(period.from, period.to) > ANALYTICS_MAX_RANGE_DAYS)
      errors.push({ field: 'to', messages: [`the period must be at most ${ANALYTICS_MAX_RANGE_DAYS} days long`] });
    if (errors.length) throw new InvalidInputException(errors);
    return period;
  }

  private async checkFilters(
    m: EntityManager,
    scope: CompanyScope,
    dto: CreateReportDto,
  ): Promise<ReportFiltersResponse> {
    const f = dto.filters ?? {};
    const errors: FieldError[] = [];
    const min = f.amountMin === undefined ? undefined : String(f.amountMin);
    const max = f.amountMax === undefined ? undefined : String(f.amountMax);
    if (min !== undefined && max !== undefined && Number(min) > Number(max))
      errors.push({ field: 'filters.amountMin', messages: ['filters.amountMin must not be above filters.amountMax'] });
    const clientIds = f.clientIds ? [...new Set(f.clientIds)] : undefined;
    if (clientIds && clientIds.length > 0) {
      const found = (await m.query(`SELECT id FROM clients WHERE company_id = $1 AND id = ANY ($2::uuid[])`, [
        scope.companyId,
        clientIds,
      ])) as { id: string }[];
      const known = new Set(found.map((r) => r.id));
      clientIds.forEach((id, i) => {
        if (!known.has(id))
          errors.push({ field: `filters.clientIds.${i}`, messages: [`client ${id} not found in this company`] });
      });
    }
    if (f.pipelineId) {
      const [pipeline] = (await m.query(`SELECT id FROM pipelines WHERE company_id = $1 AND id = $2`, [
        scope.companyId,
        f.pipelineId,
      ])) as { id: string }[];
      if (!pipeline)
        errors.push({ field: 'filters.pipelineId', messages: [`pipeline ${f.pipelineId} not found in this company`] });
    }
    if (errors.length) throw new InvalidInputException(errors);
    const filters: ReportFiltersResponse = {};
    if (f.pipelineId) filters.pipelineId = f.pipelineId;
    if (f.statuses?.length) filters.statuses = [...new Set(f.statuses)];
    if (f.currencies?.length) filters.currencies = [...new Set(f.currencies)];
    if (clientIds?.length) filters.clientIds = clientIds;
    if (f.segment) filters.segment = f.segment;
    if (min !== undefined) filters.amountMin = min;
    if (max !== undefined) filters.amountMax = max;
    return filters;
  }

  private async checkMembers(m: EntityManager, scope: CompanyScope, userIds: string[], field: string): Promise<void> {
    if (userIds.length === 0) return;
    const found = (await m.query(
      `SELECT user_id FROM company_accounts WHERE company_id = $1 AND user_id = ANY ($2::uuid[])`,
      [scope.companyId, userIds],
    )) as { user_id: string }[];
    const members = new Set(found.map((r) => r.user_id));
    const errors: FieldError[] = userIds.flatMap((id, i) =>
      members.has(id) ? [] : [{ field: `${field}.${i}`, messages: [`${id} is not a member of this company`] }],
    );
    if (errors.length) throw new InvalidInputException(errors);
  }
}

/** The period a scheduled run covers: the preset as of the run's day, or the report's length ending the day before. */
export function runPeriod(params: StoredParams, today: string): Period {
  if (params.preset) return presetPeriod(params.preset, today);
  const days = daysInclusive(params.from, params.to);
  const to = addDays(today, -1);
  return { from: addDays(to, -(days - 1)), to };
}

function listItem(viewer: Viewer, row: ReportRow): ReportListItemResponse {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    params: { ...row.params, from: row.period_from, to: row.period_to },
    status: row.status,
    progress: row.progress,
    createdBy: { id: row.created_by, login: row.created_by_login },
    sharedWith: { company: row.shared_with_company, users: row.shared_users },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.snapshot_created_at.toISOString(),
    scheduled: row.scheduled,
    canManage: canManage(viewer, row),
  };
}

function scheduleResponse(s: ScheduleRow): ReportScheduleResponse {
  return {
    frequency: s.frequency,
    weekday: s.weekday,
    dayOfMonth: s.day_of_month,
    time: s.local_time,
    timeZone: s.time_zone,
    recipients: s.recipient_users,
    nextRunAt: s.next_run_at.toISOString(),
    lastRunAt: s.last_run_at?.toISOString() ?? null,
  };
}
