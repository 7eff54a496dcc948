import { ChangeDetectionStrategy, Component, computed, output, ViewEncapsulation } from '@angular/core';
import { formatDate } from '@crm/web/i18n';
import { hostWidth } from '@crm/web/ui';
import { LineChartModule } from '@swimlane/ngx-charts';
import type { ReportChartPointResponse } from '../report-model';
import { num, periodLabel, spacedTicks } from './chart-format';
import { ReportChart } from './report-chart';

interface LinePoint {
  name: string;
  value: number;
  min?: number;
  max?: number;
}

interface TooltipEntry {
  name?: string;
  value?: number;
  series?: string;
  min?: number;
  max?: number;
}

/**
 * Revenue (or sales) per period as a line, and the forecast after the period's end with its 80 %
 * and 95 % bands, in the theme's colours. Clicking a point of the actual line names its period
 * (`periodSelected`), so the page can open the sales of that period.
 */
@Component({
  selector: 'crm-trend-chart',
  imports: [LineChartModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  host: { role: 'figure', '[attr.aria-label]': 'label()' },
  template: `
    <div class="crm-trend-plot">
      <ngx-charts-line-chart
        [results]="results()"
        [scheme]="palette.scheme()"
        [customColors]="customColors()"
        [xAxis]="true"
        [yAxis]="true"
        [showGridLines]="true"
        [roundDomains]="true"
        [autoScale]="false"
        [animations]="false"
        [rangeFillOpacity]="0.18"
        [xAxisTicks]="ticks()"
        [xAxisTickFormatting]="xTick"
        [yAxisTickFormatting]="axisTick"
        [trimXAxisTicks]="false"
        [rotateXAxisTicks]="false"
        (select)="onSelect($event)"
      >
        <ng-template #seriesTooltipTemplate let-model="model">
          <div class="crm-chart-tip">
            @for (line of tooltip(model); track $index) {
              <div>{{ line }}</div>
            }
          </div>
        </ng-template>
        <ng-template #tooltipTemplate let-model="model">
          <div class="crm-chart-tip">
            @for (line of tooltip([model]); track $index) {
              <div>{{ line }}</div>
            }
          </div>
        </ng-template>
      </ngx-charts-line-chart>
    </div>
    <ul class="crm-chart-legend">
      @for (item of legend(); track item.name) {
        <li><span class="swatch" [style.background]="item.color"></span>{{ item.name }}</li>
      }
    </ul>
  `,
  styles: `
    @use 'charts';

    crm-trend-chart {
      display: block;
      .crm-trend-plot {
        height: 280px;
      }
      @include charts.axes;
      .ngx-charts .line {
        stroke-width: 2px;
      }
    }
    .crm-chart-legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      margin: 8px 0 0;
      padding: 0;
      list-style: none;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      .swatch {
        display: inline-block;
        width: 12px;
        height: 12px;
        margin-right: 6px;
        border-radius: 3px;
        vertical-align: -1px;
      }
    }
    .crm-chart-tip {
      padding: 2px 0;
      text-align: left;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class TrendChart extends ReportChart {
  /** The first day of the clicked period of the actual line. */
  readonly periodSelected = output<string>();

  private readonly granularity = computed(() => this.chart().granularity ?? 'month');
  private readonly names = computed(() => ({
    actual: this.i18n.t('reports.charts.actual'),
    previous: this.i18n.t('reports.charts.previous'),
    forecast: this.i18n.t('reports.charts.forecast80'),
    forecast95: this.i18n.t('reports.charts.forecast95'),
  }));
  private readonly actual = computed(
    () => (this.chart().series.find((s) => s.key === 'actual') ?? this.chart().series[0])?.points ?? [],
  );
  private readonly forecast = computed(() => this.chart().series.find((s) => s.key === 'forecast')?.points ?? []);
  private readonly previous = computed(() => this.chart().series.find((s) => s.key === 'previous')?.points ?? []);

  protected readonly results = computed(() => {
    const names = this.names();
    const actual: LinePoint[] = this.actual().map((p) => ({ name: p.x, value: num(p.y) }));
    const series: { name: string; series: LinePoint[] }[] = [{ name: names.actual, series: actual }];
    const previous = this.previous();
    if (previous.length) {
      // The previous period drawn under this one, point by point.
      const aligned = previous
        .slice(0, actual.length)
        .map((p, i) => ({ name: actual[i]?.name ?? p.x, value: num(p.y) }));
      series.push({ name: names.previous, series: aligned });
    }
    const forecast = this.forecast();
    if (forecast.length) {
      // The forecast starts from the last actual point, so the line continues.
      const last = actual[actual.length - 1];
      const start = last ? [{ ...last, min: last.value, max: last.value }] : [];
      type Bound = 'lower80' | 'upper80' | 'lower95' | 'upper95';
      const band = (lower: Bound, upper: Bound) => [
        ...start,
        ...forecast.map((p: ReportChartPointResponse) => ({
          name: p.x,
          value: num(p.y),
          min: num(p[lower] ?? p.y),
          max: num(p[upper] ?? p.y),
        })),
      ];
      series.push({ name: names.forecast95, series: band('lower95', 'upper95') });
      series.push({ name: names.forecast, series: band('lower80', 'upper80') });
    }
    return series;
  });

  protected readonly customColors = computed(() => {
    const [primary, tertiary, , , outline] = this.palette.colors();
    const names = this.names();
    return [
      { name: names.actual, value: primary },
      { name: names.previous, value: outline },
      { name: names.forecast, value: tertiary },
      { name: names.forecast95, value: tertiary },
    ];
  });

  protected readonly legend = computed(() => {
    const colours = new Map(this.customColors().map((c) => [c.name, c.value as string]));
    return this.results()
      .filter((s) => s.name !== this.names().forecast95)
      .map((s) => ({ name: s.name, color: colours.get(s.name) ?? '' }));
  });

  private readonly width = hostWidth();
  protected readonly ticks = computed(() => {
    const all = [...this.actual(), ...this.forecast()].map((p) => p.x);
    return spacedTicks([...new Set(all)], Math.max(2, Math.floor(this.width() / 90)));
  });

  protected readonly xTick = (name: string): string => periodLabel(name, this.granularity(), this.i18n.language());

  protected tooltip(entries: TooltipEntry[] | undefined): string[] {
    const lang = this.i18n.language();
    const first = entries?.[0];
    if (!first?.name) return [];
    const when =
      this.granularity() === 'day'
        ? formatDate(`${first.name}T00:00:00`, lang)
        : this.granularity() === 'week'
          ? this.i18n.t('reports.charts.weekOf', { date: formatDate(`${first.name}T00:00:00`, lang) })
          : periodLabel(first.name, 'month', lang);
    const value = (n: number | undefined) => this.fullValue(n ?? 0);
    const lines = [when];
    for (const entry of entries ?? []) {
      if (entry.series === this.names().forecast95) continue;
      const isForecast = entry.series === this.names().forecast;
      if (isForecast && this.actual().some((p) => p.x === entry.name)) continue;
      let line = `${entry.series ?? ''}: ${value(entry.value)}`;
      if (isForecast && entry.min !== undefined && entry.max !== undefined) {
        line += ` (${value(entry.min)} – ${value(entry.max)})`;
      }
      lines.push(line);
    }
    return lines;
  }

  protected onSelect(event: unknown): void {
    const item = event as { name?: unknown; series?: unknown };
    if (typeof item?.name !== 'string' || item.series !== this.names().actual) return;
    this.periodSelected.emit(item.name);
  }
}
