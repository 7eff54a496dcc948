import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { CompanyContext } from '@crm/web/core';
import { formatMoney, formatNumber, I18n, TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import { ErrorState } from '@crm/web/ui';
import { AnalyticsApi } from './analytics-api';
import { type Kpi, kpisOf, lastDaysRange } from './kpi';
import { RevenueSparkline } from './revenue-sparkline';

const LABELS: Record<Kpi['id'], TranslationKey> = {
  revenue: 'dashboard.kpi.revenue',
  sales: 'dashboard.kpi.sales',
  buyers: 'dashboard.kpi.buyers',
  aov: 'dashboard.kpi.aov',
};

/** Revenue, sales, buyers and AOV for the last 30 days vs the 30 before, and a 90-day sparkline. */
@Component({
  selector: 'crm-kpi-section',
  imports: [ErrorState, MatCardModule, MatIconModule, RevenueSparkline, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './kpi-section.html',
  styleUrl: './kpi-section.scss',
})
export class KpiSection {
  private readonly api = inject(AnalyticsApi);
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);

  private readonly range = lastDaysRange(30);
  private readonly sparkRange = lastDaysRange(90);

  protected readonly summary = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params }) => this.api.summary(params, this.range.from, this.range.to),
  });
  protected readonly timeseries = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params }) => this.api.timeseries(params, this.sparkRange.from, this.sparkRange.to, 'day'),
  });
  protected readonly current = computed(() => (this.summary.hasValue() ? this.summary.value() : null));
  protected readonly kpis = computed(() => {
    const summary = this.current();
    return summary ? kpisOf(summary) : [];
  });
  protected readonly points = computed(() => (this.timeseries.hasValue() ? this.timeseries.value().points : []));

  protected label(kpi: Kpi): TranslationKey {
    return LABELS[kpi.id];
  }

  protected value(kpi: Kpi, which: 'current' | 'previous'): string {
    const lang = this.i18n.language();
    const value = kpi[which];
    if (kpi.kind === 'money') return formatMoney(value, this.current()?.currency ?? 'RUB', lang);
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
    const percent = formatNumber(kpi.change, this.i18n.language(), {
      style: 'percent',
      maximumFractionDigits: 1,
      signDisplay: 'always',
    });
    return percent;
  }
}
