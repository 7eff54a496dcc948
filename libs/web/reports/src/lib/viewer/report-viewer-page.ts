import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { CompanyContext, companyKey, describeError, keyedResource, loadErrorText } from '@crm/web/core';
import { saveBlob } from '@crm/web/data-access';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  I18n,
  LocalDateTimePipe,
  TranslatePipe,
  type TranslationKey,
} from '@crm/web/i18n';
import { EmptyState, ErrorState, ListSkeleton, openConfirm, openFormDialog, PageHeader } from '@crm/web/ui';
import { BarChart } from '../charts/bar-chart';
import { SegmentChart } from '../charts/segment-chart';
import { TrendChart } from '../charts/trend-chart';
import { ScheduleDialog, type ScheduleDialogData } from '../dialogs/schedule-dialog';
import { ShareDialog, type ShareDialogData } from '../dialogs/share-dialog';
import { REPORT_FORMATS, type ReportFormat, type ReportResponse } from '../report-model';
import { periodRange } from '../report-period';
import { ReportsApi } from '../reports-api';
import { ReportKpis } from './report-kpis';
import { ReportRuns } from './report-runs';
import { ReportTableCard } from './report-table-card';

const POLL_MS = 1000;

/**
 * A report (seed figure 14): progress while it is built (polled; the page can be left and the
 * build goes on), then KPIs, charts, conclusions and sortable tables; export, share, schedule,
 * «Обновить» (a fresh snapshot) and delete. `?download=pdf|csv|xlsx` downloads the file once the
 * report is ready (the builder's format); `?snapshot=` shows a scheduled run.
 */
@Component({
  selector: 'crm-report-viewer-page',
  imports: [
    BarChart,
    EmptyState,
    ErrorState,
    ListSkeleton,
    LocalDateTimePipe,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    PageHeader,
    ReportKpis,
    ReportRuns,
    ReportTableCard,
    RouterLink,
    SegmentChart,
    TranslatePipe,
    TrendChart,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './report-viewer-page.html',
  styleUrl: './report-viewer-page.scss',
})
export class ReportViewerPage {
  private readonly api = inject(ReportsApi);
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  /** Route parameter. */
  readonly reportId = input.required<string>();
  /** `?download=`: a file to fetch once the report is ready. */
  readonly download = input<string | undefined>();
  /** `?snapshot=`: a scheduled run instead of the latest snapshot. */
  readonly snapshot = input<string | undefined>();

  protected readonly formats = REPORT_FORMATS;
  protected readonly report = keyedResource(
    companyKey(() => ({ reportId: this.reportId(), snapshot: this.snapshot() ?? null })),
    (key) => this.api.get(key.companyId, key.reportId, key.snapshot),
  );
  protected readonly current = computed(() => (this.report.hasValue() ? this.report.value() : null));
  protected readonly loadError = loadErrorText(this.report, 'reports.viewer.notFound');
  protected readonly busy = signal<string | null>(null);

  protected readonly result = computed(() => this.current()?.result ?? null);
  protected readonly currency = computed(
    () => this.result()?.summary.currency ?? this.current()?.params.currency ?? '',
  );
  protected readonly trend = computed(() => this.result()?.charts.find((c) => c.kind === 'line') ?? null);
  protected readonly bars = computed(() => this.result()?.charts.filter((c) => c.kind === 'bar') ?? []);
  protected readonly pies = computed(() => this.result()?.charts.filter((c) => c.kind === 'pie') ?? []);
  protected readonly insights = computed(() => {
    const en = this.i18n.language() === 'en';
    return (this.result()?.insights ?? []).map((insight) => ({
      ...insight,
      sentence: en ? insight.textEn || insight.text : insight.text,
    }));
  });
  protected readonly percent = computed(() => Math.round((this.current()?.progress ?? 0) * 100));
  protected readonly subtitle = computed(() => {
    const report = this.current();
    if (!report) return null;
    const lang = this.i18n.language();
    const parts = [
      this.i18n.t(`reports.types.${report.type}` as TranslationKey),
      this.i18n.t('reports.period', {
        from: formatDate(`${report.params.from}T00:00:00`, lang),
        to: formatDate(`${report.params.to}T00:00:00`, lang),
      }),
    ];
    const subject = this.result()?.summary.subject;
    if (subject) parts.push(subject);
    if (this.currency()) parts.push(this.currency());
    return parts.join(' · ');
  });
  protected readonly meta = computed(() => {
    const report = this.current();
    if (!report) return '';
    const lang = this.i18n.language();
    const author = this.i18n.t('reports.viewer.author', { login: report.createdBy.login });
    const when = report.generatedAt
      ? this.i18n.t('reports.viewer.generatedAt', { date: formatDateTime(report.generatedAt, lang) })
      : '';
    return [author, when].filter(Boolean).join(' · ');
  });
  /**
   * The sales filters the report applied: «Фильтры: 3 клиента · сегмент: … · продажи в USD»; the
   * client count is the one the snapshot resolved (segment and amount range included).
   */
  protected readonly filters = computed(() => {
    const report = this.current();
    if (!report) return '';
    const f = report.params.filters;
    const lang = this.i18n.language();
    const resolved = this.result()?.summary.selection?.clients;
    const parts: string[] = [];
    const clients = resolved ?? (f.clientIds?.length ? f.clientIds.length : null);
    if (clients !== null) parts.push(this.i18n.t('reports.viewer.filterClients', { count: clients }));
    if (f.segment) {
      const name = this.i18n.t(`clients.segments.${f.segment}` as TranslationKey);
      parts.push(this.i18n.t('reports.viewer.filterSegment', { name }));
    }
    if (f.amountMin !== undefined)
      parts.push(
        this.i18n.t('reports.viewer.filterAmountMin', { amount: formatMoney(f.amountMin, this.currency(), lang) }),
      );
    if (f.amountMax !== undefined)
      parts.push(
        this.i18n.t('reports.viewer.filterAmountMax', { amount: formatMoney(f.amountMax, this.currency(), lang) }),
      );
    if (f.currencies?.length)
      parts.push(this.i18n.t('reports.viewer.filterCurrencies', { list: f.currencies.join(', ') }));
    if (f.statuses?.length) {
      const list = f.statuses.map((s) => this.i18n.t(`sales.statuses.${s}` as TranslationKey)).join(', ');
      parts.push(this.i18n.t('reports.viewer.filterStatuses', { list }));
    }
    return parts.length ? this.i18n.t('reports.viewer.filters', { list: parts.join(' · ') }) : '';
  });
  protected readonly sharing = computed(() => {
    const shared = this.current()?.sharedWith;
    if (!shared) return '';
    if (shared.company) return this.i18n.t('reports.viewer.sharedCompany');
    if (shared.users.length === 0) return this.i18n.t('reports.viewer.sharedNobody');
    return this.i18n.t('reports.viewer.sharedUsers', { logins: shared.users.map((u) => u.login).join(', ') });
  });

  constructor() {
    // Poll while the snapshot is built; leaving the page stops polling, coming back resumes it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    effect(() => {
      clearTimeout(timer);
      if (this.current()?.status === 'running') timer = setTimeout(() => this.report.reload(), POLL_MS);
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(timer));

    // The format chosen in the builder downloads once, when the report is ready.
    effect(() => {
      const format = this.download();
      const report = this.current();
      if (!report || report.status !== 'ready' || !(REPORT_FORMATS as readonly string[]).includes(format ?? '')) return;
      void this.router.navigate([], {
        queryParams: { download: null },
        queryParamsHandling: 'merge',
        replaceUrl: true,
      });
      this.exportAs(format as ReportFormat);
    });
  }

  protected formatKey(format: string): TranslationKey {
    return `reports.formats.${format}` as TranslationKey;
  }

  protected exportAs(format: ReportFormat): void {
    const companyId = this.context.activeId();
    const report = this.current();
    if (!companyId || !report || this.busy()) return;
    this.busy.set(format);
    const fallback = `${report.type}_${report.params.from}_${report.params.to}.${format === 'csv' ? 'zip' : format}`;
    this.api.export(companyId, report.id, format, this.i18n.language(), this.snapshot() ?? null).subscribe({
      next: (response) => {
        this.busy.set(null);
        const name = saveBlob(response, fallback);
        this.snackBar.open(this.i18n.t('reports.viewer.downloaded', { name }), this.i18n.t('common.close'), {
          duration: 4000,
        });
      },
      error: (error: unknown) => this.fail('reports.viewer.exportFailed', error),
    });
  }

  protected refresh(): void {
    const companyId = this.context.activeId();
    const report = this.current();
    if (!companyId || !report || this.busy()) return;
    this.busy.set('refresh');
    this.api.regenerate(companyId, report.id).subscribe({
      next: (fresh) => {
        this.busy.set(null);
        if (this.snapshot()) {
          void this.router.navigate(['/reports', fresh.id]);
        } else {
          this.report.set(fresh);
        }
      },
      error: (error: unknown) => this.fail('reports.viewer.refreshFailed', error),
    });
  }

  protected share(): void {
    const companyId = this.context.activeId();
    const report = this.current();
    if (!companyId || !report) return;
    openFormDialog<ShareDialog, ShareDialogData, ReportResponse>(
      this.dialog,
      ShareDialog,
      { companyId, report },
      '520px',
    ).subscribe(() => {
      this.report.reload();
      this.snackBar.open(this.i18n.t('reports.share.saved'), this.i18n.t('common.close'), { duration: 4000 });
    });
  }

  protected schedule(): void {
    const companyId = this.context.activeId();
    const report = this.current();
    if (!companyId || !report) return;
    openFormDialog<ScheduleDialog, ScheduleDialogData, 'saved' | 'removed'>(
      this.dialog,
      ScheduleDialog,
      { companyId, report },
      '520px',
    ).subscribe((outcome) => {
      this.report.reload();
      const key = outcome === 'saved' ? 'reports.schedule.saved' : 'reports.schedule.removed';
      this.snackBar.open(this.i18n.t(key), this.i18n.t('common.close'), { duration: 4000 });
    });
  }

  protected remove(): void {
    const companyId = this.context.activeId();
    const report = this.current();
    if (!companyId || !report) return;
    openConfirm(this.dialog, {
      title: this.i18n.t('reports.viewer.deleteTitle'),
      text: this.i18n.t('reports.viewer.deleteText', { title: report.title }),
      confirm: this.i18n.t('reports.viewer.delete'),
      destructive: true,
    }).subscribe((confirmed) => {
      if (!confirmed) return;
      this.api.remove(companyId, report.id).subscribe({
        next: () => {
          this.snackBar.open(this.i18n.t('reports.viewer.deleted'), this.i18n.t('common.close'), { duration: 4000 });
          void this.router.navigate(['/reports']);
        },
        error: (error: unknown) => this.fail('reports.viewer.deleteFailed', error),
      });
    });
  }

  /** A period of the trend (or a period row) opens the sales list filtered to its days. */
  protected openPeriod(period: string): void {
    const report = this.current();
    if (!report) return;
    const granularity = this.trend()?.granularity ?? 'day';
    const range = periodRange(period, granularity, { from: report.params.from, to: report.params.to });
    void this.router.navigate(['/sales'], { queryParams: { from: range.from, to: range.to, status: 'paid' } });
  }

  protected openClient(clientId: string): void {
    void this.router.navigate(['/clients', clientId]);
  }

  protected stageText(stage: string): string {
    const path = `reports.stages.${stage}`;
    return this.i18n.has(path) ? this.i18n.t(path as TranslationKey) : stage;
  }

  protected chartTitle(key: string): string {
    const path = `reports.charts.${key}`;
    return this.i18n.has(path) ? this.i18n.t(path as TranslationKey) : key;
  }

  private fail(key: TranslationKey, error: unknown): void {
    this.busy.set(null);
    this.snackBar.open(`${this.i18n.t(key)}: ${describeError(error, this.i18n)}`, this.i18n.t('common.close'), {
      duration: 6000,
    });
  }
}
