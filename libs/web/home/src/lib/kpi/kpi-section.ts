import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { CompanyContext, dateToDay, dayToDate } from '@crm/web/core';
import { AnalyticsApi } from '@crm/web/data-access';
import { formatDate, formatMoney, formatNumber, I18n, TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import { ErrorState } from '@crm/web/ui';
import { ForecastCard } from './forecast-card';
import { type Kpi, kpisOf } from './kpi';
import {
  chartGranularity,
  isValidRange,
  loadChoice,
  PERIOD_PRESETS,
  type PeriodChoice,
  type PeriodPreset,
  rangeOf,
  saveChoice,
} from './period';
import { RevenueChart } from './revenue-chart';

const LABELS: Record<Kpi['id'], TranslationKey> = {
  revenue: 'dashboard.kpi.revenue',
  sales: 'dashboard.kpi.sales',
  buyers: 'dashboard.kpi.buyers',
  aov: 'dashboard.kpi.aov',
};
const FORECAST_MONTHS = 3;

/**
 * Revenue, sales, buyers and AOV for a chosen period against the previous period of the same
 * length, revenue per day/week/month as a chart, and the monthly forecast with its back-test.
 */
@Component({
  selector: 'crm-kpi-section',
  imports: [
    ErrorState,
    ForecastCard,
    MatButtonModule,
    MatCardModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    RevenueChart,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './kpi-section.html',
  styleUrl: './kpi-section.scss',
})
export class KpiSection {
  private readonly api = inject(AnalyticsApi);
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage;

  protected readonly presets = PERIOD_PRESETS;
  protected readonly choice = signal<PeriodChoice>(loadChoice(this.storage));
  /** Custom dates as typed (a remembered custom period at first); the range only follows them once they are valid. */
  protected readonly draft = signal<{ from: string; to: string }>(
    this.choice().preset === 'custom' ? rangeOf(this.choice()) : { from: '', to: '' },
  );
  protected readonly fromDate = computed(() => dayToDate(this.draft().from));
  protected readonly toDate = computed(() => dayToDate(this.draft().to));
  protected readonly draftInvalid = computed(() => {
    const d = this.draft();
    return this.choice().preset === 'custom' && (d.from !== '' || d.to !== '') && !isValidRange(d.from, d.to);
  });
  protected readonly range = computed(() => rangeOf(this.choice()));
  protected readonly granularity = computed(() => chartGranularity(this.range()));

  protected readonly summary = rxResource({
    params: () => {
      const companyId = this.context.activeId();
      return companyId ? { companyId, ...this.range() } : undefined;
    },
    stream: ({ params }) => this.api.summary(params.companyId, params.from, params.to),
  });
  protected readonly timeseries = rxResource({
    params: () => {
      const companyId = this.context.activeId();
      return companyId ? { companyId, ...this.range(), granularity: this.granularity() } : undefined;
    },
    stream: ({ params }) => this.api.timeseries(params.companyId, params.from, params.to, params.granularity),
  });
  protected readonly forecast = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params }) => this.api.forecast(params, FORECAST_MONTHS),
  });

  protected readonly current = computed(() => (this.summary.hasValue() ? this.summary.value() : null));
  protected readonly kpis = computed(() => {
    const summary = this.current();
    return summary ? kpisOf(summary) : [];
  });
  protected readonly points = computed(() => (this.timeseries.hasValue() ? this.timeseries.value().points : []));
  protected readonly hasRevenue = computed(() => this.points().some((p) => Number(p.revenue) !== 0));
  protected readonly currency = computed(() => this.current()?.currency ?? this.timeseries.value()?.currency ?? 'RUB');

  protected readonly title = computed(() => {
    const choice = this.choice();
    if (choice.preset !== 'custom') return this.i18n.t(this.presetLabel(choice.preset));
    const lang = this.i18n.language();
    const range = this.range();
    return this.i18n.t('dashboard.period.range', {
      from: formatDate(range.from, lang),
      to: formatDate(range.to, lang),
    });
  });
  protected readonly compared = computed(() => {
    const summary = this.current();
    if (!summary) return '';
    const lang = this.i18n.language();
    return this.i18n.t('dashboard.period.compared', {
      from: formatDate(summary.previous.from, lang),
      to: formatDate(summary.previous.to, lang),
      currency: summary.currency,
    });
  });
  protected readonly granularityLabel = computed(() => this.i18n.t(`dashboard.chart.${this.granularity()}`));
  protected readonly chartLabel = computed(() => {
    const lang = this.i18n.language();
    const range = this.range();
    const total = this.points().reduce((sum, p) => sum + Number(p.revenue), 0);
    return this.i18n.t('dashboard.chart.label', {
      granularity: this.granularityLabel(),
      from: formatDate(range.from, lang),
      to: formatDate(range.to, lang),
      total: formatMoney(total, this.currency(), lang),
    });
  });

  protected presetLabel(preset: PeriodPreset): TranslationKey {
    return `dashboard.period.${preset}`;
  }

  protected choose(preset: PeriodPreset): void {
    if (preset === 'custom') {
      const range = this.range();
      this.draft.set(range);
      this.apply({ preset, ...range });
    } else {
      this.apply({ preset });
    }
  }

  protected day(date: Date | null): string {
    return dateToDay(date);
  }

  protected setDate(which: 'from' | 'to', value: string): void {
    const draft = { ...this.draft(), [which]: value };
    this.draft.set(draft);
    if (isValidRange(draft.from, draft.to)) this.apply({ preset: 'custom', ...draft });
  }

  private apply(choice: PeriodChoice): void {
    this.choice.set(choice);
    saveChoice(this.storage, choice);
  }

  protected label(kpi: Kpi): TranslationKey {
    return LABELS[kpi.id];
  }

  protected value(kpi: Kpi, which: 'current' | 'previous'): string {
    const lang = this.i18n.language();
    const value = kpi[which];
    if (kpi.kind === 'money') return formatMoney(value, this.currency(), lang);
    return formatNumber(value, lang);
  }

  protected change(kpi: Kpi): string {
    if (kpi.change === null) return this.i18n.t('dashboard.kpi.noPrevious');
    if (kpi.trend === 'flat') return this.i18n.t('dashboard.kpi.flat');
    const percent = formatNumber(Math.abs(kpi.change), this.i18n.language(), {
      style: 'percent',
      maximumFractionDigits: 1,
    });
    return this.i18n.t(kpi.trend === 'up' ? 'dashboard.kpi.up' : 'dashboard.kpi.down', { value: percent });
  }

  protected signed(kpi: Kpi): string {
    if (kpi.change === null || kpi.trend === 'flat') return '';
    return formatNumber(kpi.change, this.i18n.language(), {
      style: 'percent',
      maximumFractionDigits: 1,
      signDisplay: 'always',
    });
  }
}
