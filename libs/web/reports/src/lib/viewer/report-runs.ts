import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { CompanyContext } from '@crm/web/core';
import { formatDate, formatDateTime, I18n, TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import type { ReportResponse, ReportRunResponse } from '../report-model';
import { ReportsApi } from '../reports-api';

/** The schedule in words and the snapshots it made, newest first, each openable. */
@Component({
  selector: 'crm-report-runs',
  imports: [MatCardModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" class="card" data-testid="runs">
      <h2 class="title">{{ 'reports.runs.title' | t }}</h2>
      <p class="schedule" data-testid="schedule-text">{{ scheduleText() }}</p>
      @if (runs.hasValue()) {
        @if (items().length === 0) {
          <p class="empty">{{ 'reports.runs.none' | t }}</p>
        } @else {
          <ul class="list">
            @for (run of items(); track run.id) {
              <li>
                <a [routerLink]="['/reports', report().id]" [queryParams]="{ snapshot: run.id }">{{ runDate(run) }}</a>
                <span class="period">{{ runPeriod(run) }}</span>
                <span class="delivery">{{ delivery(run) }}</span>
              </li>
            }
          </ul>
        }
      }
    </mat-card>
  `,
  styles: `
    .card {
      padding: 16px;
    }
    .title {
      margin: 0 0 4px;
      font: var(--mat-sys-title-medium);
    }
    .schedule,
    .empty {
      margin: 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    .list {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      padding: 6px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    a {
      color: var(--mat-sys-primary);
    }
    .period,
    .delivery {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class ReportRuns {
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);
  private readonly api = inject(ReportsApi);

  readonly report = input.required<ReportResponse>();

  protected readonly runs = rxResource({
    params: () => {
      const companyId = this.context.activeId();
      return companyId ? { companyId, reportId: this.report().id, at: this.report().schedule?.lastRunAt } : undefined;
    },
    stream: ({ params }) => this.api.runs(params.companyId, params.reportId),
  });
  protected readonly items = computed(() => (this.runs.hasValue() ? this.runs.value().items : []));

  protected readonly scheduleText = computed(() => {
    const schedule = this.report().schedule;
    if (!schedule) return '';
    const lang = this.i18n.language();
    const when =
      schedule.frequency === 'weekly'
        ? this.i18n.t('reports.schedule.everyWeekday', { day: weekdayName(schedule.weekday ?? 1, lang) })
        : this.i18n.t('reports.schedule.everyMonthDay', { day: schedule.dayOfMonth ?? 1 });
    // The next run in the company's time zone, like the time it is set for.
    const next = formatDateTime(schedule.nextRunAt, lang, schedule.timeZone);
    return this.i18n.t('reports.schedule.summary', { when, time: schedule.time, zone: schedule.timeZone, next });
  });

  protected runDate(run: ReportRunResponse): string {
    return formatDateTime(run.generatedAt ?? run.createdAt, this.i18n.language());
  }

  protected runPeriod(run: ReportRunResponse): string {
    const lang = this.i18n.language();
    return this.i18n.t('reports.period', {
      from: formatDate(`${run.from}T00:00:00`, lang),
      to: formatDate(`${run.to}T00:00:00`, lang),
    });
  }

  protected delivery(run: ReportRunResponse): string {
    if (run.status === 'running') return this.i18n.t('reports.status.running');
    if (run.status === 'failed') return this.i18n.t('reports.status.failed');
    const key = `reports.runs.delivery.${run.delivery ?? 'in-app'}`;
    return this.i18n.has(key) ? this.i18n.t(key as TranslationKey, { logins: run.mailedTo.join(', ') }) : '';
  }
}

/** `Пн`/`Mon`… as the language names the ISO weekday (1 = Monday). */
export function weekdayName(weekday: number, lang: 'ru' | 'en', width: 'long' | 'short' = 'long'): string {
  // 2024-01-01 was a Monday.
  const date = new Date(2024, 0, weekday);
  return new Intl.DateTimeFormat(lang, { weekday: width }).format(date);
}
