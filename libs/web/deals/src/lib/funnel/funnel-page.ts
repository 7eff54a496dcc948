import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { CompanyContext, companyMembers, describeError } from '@crm/web/core';
import { DealsAnalyticsApi } from '@crm/web/data-access';
import { I18n, LocalNumberPipe, MoneyPipe, TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import { EmptyState, ErrorState, ListSkeleton, PageHeader } from '@crm/web/ui';
import { forkJoin } from 'rxjs';
import { pipelineChoice } from '../pipeline-choice';
import { PipelineSelect } from '../pipeline-select';
import { FunnelChart } from './funnel-chart';
import { fromIsoDay, isoDay, monthLabel, percent, wonCount } from './funnel-model';
import { type FigureNames, funnelTable, ownersTable, valueTables } from './funnel-tables';

/**
 * Funnel analytics of a pipeline: the cohort of deals that entered it in a period (KPIs, the funnel
 * chart and the conversion table, by owner) and its open deals now (value by stage and by expected
 * close month, stuck deals).
 */
@Component({
  selector: 'crm-funnel-page',
  imports: [
    EmptyState,
    ErrorState,
    FunnelChart,
    ListSkeleton,
    LocalNumberPipe,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MoneyPipe,
    NgTemplateOutlet,
    PageHeader,
    PipelineSelect,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './funnel-page.html',
  styleUrl: './funnel-page.scss',
})
export class FunnelPage {
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);
  private readonly members = companyMembers();
  private readonly api = inject(DealsAnalyticsApi);

  protected readonly companyId = computed(() => this.context.activeId() ?? '');
  protected readonly pipelineId = signal<string | null>(null);
  protected readonly from = signal(isoDay(new Date(Date.now() - 29 * 86_400_000)));
  protected readonly to = signal(isoDay(new Date()));
  protected readonly fromDate = computed(() => fromIsoDay(this.from()));
  protected readonly toDate = computed(() => fromIsoDay(this.to()));

  private readonly choice = pipelineChoice(this.pipelineId);
  protected readonly pipelines = this.choice.resource;
  protected readonly pipelineList = this.choice.list;
  protected readonly pipeline = this.choice.current;
  private readonly logins = computed(() => new Map(this.members().map((m) => [m.userId, m.login])));

  /** Every figure of the page for one pipeline and period, loaded together. */
  protected readonly data = rxResource({
    params: () => {
      const companyId = this.context.activeId();
      const pipeline = this.pipeline();
      const from = this.from();
      const to = this.to();
      return companyId && pipeline && from && to && from <= to
        ? { companyId, pipelineId: pipeline.id, from, to }
        : undefined;
    },
    stream: ({ params: { companyId, pipelineId, from, to } }) =>
      forkJoin({
        funnel: this.api.funnel(companyId, { pipelineId, from, to }),
        value: this.api.pipeline(companyId, { pipelineId }),
        stuck: this.api.stuck(companyId, pipelineId),
        owners: this.api.owners(companyId, { pipelineId, from, to }),
      }),
  });
  protected readonly pipelinesError = this.choice.error;
  protected readonly error = computed(() => (this.data.error() ? describeError(this.data.error(), this.i18n) : null));
  protected readonly figures = computed(() => (this.data.hasValue() ? this.data.value() : null));
  protected readonly won = computed(() => {
    const figures = this.figures();
    return figures ? wonCount(figures.funnel) : 0;
  });
  protected readonly stageNames = computed(
    () => new Map((this.pipeline()?.stages ?? []).map((s) => [s.id, s.name] as const)),
  );

  /** The period's two day fields; each keeps the other as its bound. */
  protected readonly periodFields = computed(
    (): {
      label: TranslationKey;
      testId: string;
      value: Date | null;
      min: Date | null;
      max: Date | null;
      set: (value: Date | null) => void;
    }[] => [
      {
        label: 'deals.analytics.from',
        testId: 'funnel-from',
        value: this.fromDate(),
        min: null,
        max: this.toDate(),
        set: (value: Date | null) => this.setFrom(value),
      },
      {
        label: 'deals.analytics.to',
        testId: 'funnel-to',
        value: this.toDate(),
        min: this.fromDate(),
        max: null,
        set: (value: Date | null) => this.setTo(value),
      },
    ],
  );

  /** The page's tables of figures, in the interface language. */
  protected readonly tables = computed(() => {
    const figures = this.figures();
    if (!figures) return null;
    const names: FigureNames = {
      lang: this.i18n.language(),
      owner: (ownerId) => this.owner(ownerId),
      month: (month) => this.month(month),
    };
    return {
      funnel: funnelTable(figures.funnel, names.lang),
      value: valueTables(figures.value, names),
      owners: ownersTable(figures.owners, names),
    };
  });

  protected percent(share: number | null): string {
    return percent(share, this.i18n.language());
  }

  protected month(month: string | null): string {
    return month ? monthLabel(month, this.i18n.language()) : this.i18n.t('deals.analytics.noMonth');
  }

  protected owner(ownerId: string | null): string {
    return (ownerId && this.logins().get(ownerId)) || this.i18n.t('deals.unknownOwner');
  }

  protected days(count: number | null): string {
    return count === null ? '–' : this.i18n.t('deals.analytics.days', { count });
  }

  /** A cleared or half-typed day keeps the last good one. */
  protected setFrom(value: Date | null): void {
    if (value && !Number.isNaN(value.getTime())) this.from.set(isoDay(value));
  }

  protected setTo(value: Date | null): void {
    if (value && !Number.isNaN(value.getTime())) this.to.set(isoDay(value));
  }
}
