import { ChangeDetectionStrategy, Component, computed, inject, input, ViewEncapsulation } from '@angular/core';
import type { AssistantChartResponse } from '@crm/shared/contracts';
import { formatMoney, I18n } from '@crm/web/i18n';
import { BarChartModule, type Color, ScaleType } from '@swimlane/ngx-charts';

/**
 * Marker colours ngx-charts writes into each bar's `fill` attribute; the CSS below paints them with
 * the theme (actual periods in the primary colour, forecast periods in the tertiary), so the chart
 * follows light and dark without reading any style in code.
 */
export const ACTUAL = '#000001';
export const FORECAST = '#000002';

/** A small bar chart of a series a tool returned (ngx-charts); forecast bars in the second colour. */
@Component({
  selector: 'crm-assistant-chart',
  imports: [BarChartModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  template: `
    <figure class="crm-assistant-chart" data-testid="assistant-chart">
      <figcaption>{{ chart().title }}</figcaption>
      <div class="plot" role="img" [attr.aria-label]="chart().title">
        <ngx-charts-bar-vertical
          [results]="series()"
          [scheme]="scheme"
          [customColors]="colors()"
          [xAxis]="true"
          [yAxis]="true"
          [showGridLines]="true"
          [roundDomains]="true"
          [noBarWhenZero]="true"
          [barPadding]="2"
          [animations]="false"
          [xAxisTicks]="ticks()"
          [yAxisTickFormatting]="yTick"
          [trimXAxisTicks]="false"
          [rotateXAxisTicks]="false"
        >
          <ng-template #tooltipTemplate let-model="model">
            <span class="crm-assistant-chart-tip">{{ tooltip(model) }}</span>
          </ng-template>
        </ngx-charts-bar-vertical>
      </div>
    </figure>
  `,
  styles: `
    @use 'charts';

    .crm-assistant-chart {
      margin: 8px 0 0;
      figcaption {
        font: var(--mat-sys-label-medium);
        color: var(--mat-sys-on-surface-variant);
        margin-bottom: 4px;
      }
      .plot {
        height: 160px;
        max-width: 560px;
      }
      .ngx-charts .bar[fill='#000001'] {
        fill: var(--mat-sys-primary);
      }
      .ngx-charts .bar[fill='#000002'] {
        fill: var(--mat-sys-tertiary);
        opacity: 0.75;
      }
      @include charts.axes;
    }
    .crm-assistant-chart-tip {
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class AssistantChart {
  readonly chart = input.required<AssistantChartResponse>();
  private readonly i18n = inject(I18n);

  protected readonly scheme: Color = { name: 'crm', selectable: false, group: ScaleType.Ordinal, domain: [ACTUAL] };

  protected readonly series = computed(() =>
    this.chart().points.map((p) => ({ name: p.period, value: Math.max(0, Number(p.value)) })),
  );
  /** Forecast periods (from `forecastFrom` on) in the forecast colour, the rest as actuals. */
  protected readonly colors = computed(() => barColors(this.chart()));
  /** The first and the last period under the axis: a chat bubble is too narrow for more. */
  protected readonly ticks = computed(() => {
    const points = this.chart().points;
    return points.length <= 2 ? points.map((p) => p.period) : [points[0].period, points[points.length - 1].period];
  });

  protected readonly yTick = (value: number): string =>
    new Intl.NumberFormat(this.i18n.language(), {
      style: 'currency',
      currency: this.chart().currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(value);

  protected tooltip(model: { name?: string } | undefined): string {
    const c = this.chart();
    const point = c.points.find((p) => p.period === model?.name);
    if (!point) return '';
    return `${point.period}: ${formatMoney(point.value, c.currency, this.i18n.language())}`;
  }
}

/** Each bar's marker colour (see the styles): forecast from `forecastFrom` on, actual before. */
export function barColors(chart: AssistantChartResponse): { name: string; value: string }[] {
  return chart.points.map((p) => ({
    name: p.period,
    value: chart.forecastFrom && p.period >= chart.forecastFrom ? FORECAST : ACTUAL,
  }));
}
