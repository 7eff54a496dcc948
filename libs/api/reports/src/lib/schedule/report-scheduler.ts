/**
 * Fires report schedules. Every `JOBS_POLL_SECONDS` (by the {@link Clock}, which tests can move)
 * it reads the due schedules of all companies — the one global read, a narrow named path on the
 * plain DataSource — and for each, in that company's tenant transaction, claims the run (moves
 * `next_run_at` on, only if nobody else did) and creates its snapshot; the generation is queued
 * after the commit. Several API processes may tick at once: the claim lets one of them win.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig, type CompanyScope, TenantDatabase } from '@crm/api/core';
import { Clock } from '@crm/api/jobs';
import type { DataSource } from 'typeorm';
import type { StoredParams } from '../generation/report-draft';
import { ReportsService, runPeriod } from '../reports.service';
import { insertSnapshot } from '../reports.store';
import { companyToday } from './company-time';
import { nextRun } from './next-run';

const DUE_BATCH = 20;

/**
 * System boundary (ADR 0001): the scope a due schedule fires in — its company, acting as the
 * report's author — from the row the global read of due schedules returned. The one place the
 * scheduler makes a scope.
 */
const scopeOfDueSchedule = (s: DueSchedule): CompanyScope => ({ companyId: s.company_id, userId: s.created_by });

interface DueSchedule {
  company_id: string;
  report_id: string;
  frequency: 'weekly' | 'monthly';
  weekday: number | null;
  day_of_month: number | null;
  local_time: string;
  next_run_at: Date;
  time_zone: string;
  created_by: string;
  params: StoredParams;
}

@Injectable()
export class ReportScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReportScheduler');
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenantDb: TenantDatabase,
    private readonly reports: ReportsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.jobs.pollingSeconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Fires every schedule due at the clock's now; returns how many runs were started. */
  async tick(): Promise<number> {
    if (this.ticking) return 0;
    this.ticking = true;
    let started = 0;
    try {
      const now = this.clock.now();
      // Global read of due schedules (all companies): the scheduler's one narrow path outside the tenant role.
      const due = (await this.dataSource.query(
        `SELECT s.company_id, s.report_id, s.frequency, s.weekday, s.day_of_month, s.local_time, s.next_run_at,
                c.time_zone, r.created_by, r.params
           FROM report_schedules s
           JOIN companies c ON c.id = s.company_id
           JOIN reports r ON r.company_id = s.company_id AND r.id = s.report_id
          WHERE s.next_run_at <= $1 ORDER BY s.next_run_at LIMIT ${DUE_BATCH}`,
        [now],
      )) as DueSchedule[];
      for (const schedule of due) {
        try {
          if (await this.fire(schedule, now)) started++;
        } catch (error) {
          this.logger.error(`Schedule of report ${schedule.report_id} failed to fire: ${(error as Error).message}`);
        }
      }
    } catch (error) {
      this.logger.warn(`Schedule tick failed: ${(error as Error).message}`);
    } finally {
      this.ticking = false;
    }
    return started;
  }

  private async fire(s: DueSchedule, now: Date): Promise<boolean> {
    const scope = scopeOfDueSchedule(s);
    const rule = {
      frequency: s.frequency,
      weekday: s.weekday,
      dayOfMonth: s.day_of_month,
      time: s.local_time,
      timeZone: s.time_zone,
    };
    const next = nextRun(rule, now > s.next_run_at ? now : s.next_run_at);
    const snapshotId = await this.tenantDb.run(scope, async (m) => {
      const claimed = (await m.query(
        `UPDATE report_schedules SET next_run_at = $4, last_run_at = $3
          WHERE company_id = $1 AND report_id = $2 AND next_run_at = $3 RETURNING report_id`,
        [s.company_id, s.report_id, s.next_run_at, next],
      )) as [unknown[], number];
      if (claimed[0].length === 0) return null;
      const period = runPeriod(s.params, companyToday(s.next_run_at, s.time_zone));
      return insertSnapshot(m, scope, {
        reportId: s.report_id,
        trigger: 'schedule',
        from: period.from,
        to: period.to,
        createdBy: s.created_by,
        scheduledFor: s.next_run_at,
      });
    });
    if (!snapshotId) return false;
    await this.reports.enqueue(scope, {
      reportId: s.report_id,
      snapshotId,
      userId: s.created_by,
    });
    return true;
  }
}
