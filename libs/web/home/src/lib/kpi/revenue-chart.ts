import { ChangeDetectionStrategy, Component, computed, inject, input, ViewEncapsulation } from '@angular/core';
import type { AnalyticsPointResponse } from '@crm/shared/contracts';
import { formatDate, formatMoney, I18n, type Language } from '@crm/web/i18n';
import { hostWidth } from '@crm/web/ui';
import { BarChartModule, type Color, ScaleType } from '@swimlane/ngx-charts';
import type { ChartGranularity } from './period';

/** `20 нояб.` / `Nov 20` for days and weeks, `нояб. 2026` / `Nov 2026` for months. */
export function tickLabel(period: string, granularity: ChartGranularity, lang: Language): string {
  const date = new Date(`${period}T00:00:00`);
  const options: Intl.DateTimeFormatOptions =
    granularity === 'month' ? { month: 'short', year: 'numeric' } : { day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(lang, options).format(date);
}

/** At most `max` evenly spaced periods to label (always the last one), so labels never overlap. */
export function axisTicks(periods: readonly string[], max: number): string[] {
  if (periods.length <= max) return [...periods];
  const step = Math.ceil(periods.length / max);
  const last = periods.length - 1;
  return periods.filter((_, i) => (last - i) % step === 0);
}

/** Money in few characters for the value axis: `12 тыс. £` / `£12K`. */
export function axisMoney(value: number, currency: string, lang: Language): string {
  return new Intl.NumberFormat(lang, {
    style: 'currency',
    currency,
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(value);
}

/**
 * Revenue per day, week or month as bars with a date axis, a money axis and a tooltip per bar. The
 * colours come from the theme through CSS (bars in the primary colour, text and grid lines in the
 * surface colours), so the chart follows light and dark without reading any style in code.
 */
@Component({
  selector: 'crm-revenue-chart',
  imports: [BarChartModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  host: { role: 'img', '[attr.aria-label]': 'label()' },
  template: `
    <ngx-charts-bar-vertical
      [results]="series()"
      [scheme]="scheme"
      [xAxis]="true"
      [yAxis]="true"
      [showGridLines]="true"
      [roundDomains]="true"
      [noBarWhenZero]="true"
      [barPadding]="barPadding()"
      [animations]="false"
      [xAxisTickFormatting]="xTick"
      [xAxisTicks]="ticks()"
      [yAxisTickFormatting]="yTick"
      [trimXAxisTicks]="false"
      [rotateXAxisTicks]="false"
    >
      <ng-template #tooltipTemplate let-model="model">
        <span class="crm-revenue-chart-tip">{{ tooltip(model) }}</span>
      </ng-template>
    </ngx-charts-bar-vertical>
  `,
  styles: `
    @use 'charts';

    crm-revenue-chart {
      display: block;
      height: 240px;
      @include charts.axes($bars: true);
    }
    .crm-revenue-chart-tip {
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class RevenueChart {
  private readonly i18n = inject(I18n);

  readonly points = input.required<AnalyticsPointResponse[]>();
  readonly currency = input.required<string>();
  readonly granularity = input.required<ChartGranularity>();
  readonly label = input<string>('');

  /** One fixed colour: the CSS above paints the bars with the theme's primary. */
  protected readonly scheme: Color = { name: 'crm', selectable: false, group: ScaleType.Ordinal, domain: ['#4355b9'] };

  protected readonly series = computed(() =>
    this.points().map((point) => ({ name: point.period, value: Number(point.revenue) })),
  );
  /** The chart's width, followed as the window or the layout changes. */
  private readonly width = hostWidth();
  /** One date label per 90 px (at least two), so labels never overlap; the tooltip names every bar. */
  protected readonly ticks = computed(() =>
    axisTicks(
      this.points().map((p) => p.period),
      Math.max(2, Math.floor(this.width() / 90)),
    ),
  );
  protected readonly barPadding = computed(() => (this.points().length > 40 ? 1 : 4));

  protected readonly xTick = (period: string): string => tickLabel(period, this.granularity(), this.i18n.language());
  protected readonly yTick = (value: number): string => axisMoney(value, this.currency(), this.i18n.language());

  protected tooltip(model: { name?: string; value?: number } | undefined): string {
    if (!model?.name) return '';
    const lang = this.i18n.language();
    const when =
      this.granularity() === 'day'
        ? formatDate(`${model.name}T00:00:00`, lang)
        : this.granularity() === 'week'
          ? this.i18n.t('dashboard.chart.weekOf', { date: formatDate(`${model.name}T00:00:00`, lang) })
          : tickLabel(model.name, 'month', lang);
    return `${when}: ${formatMoney(model.value ?? 0, this.currency(), lang)}`;
  }
}
