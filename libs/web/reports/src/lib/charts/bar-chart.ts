import { ChangeDetectionStrategy, Component, computed, output, ViewEncapsulation } from '@angular/core';
import type { TranslationKey } from '@crm/web/i18n';
import { BarChartModule } from '@swimlane/ngx-charts';
import { monthLabel, num } from './chart-format';
import { ReportChart } from './report-chart';

/** Charts whose categories are codes of `reports.values`. */
const CODED_CHARTS = new Set(['by-status', 'pipeline-by-month']);

/**
 * Horizontal bars, best first (top clients, top products), in the theme's primary colour. A bar
 * with a record behind it (`id`) is clickable: `picked` names the record.
 */
@Component({
  selector: 'crm-bar-chart',
  imports: [BarChartModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  host: { role: 'figure', '[attr.aria-label]': 'label()', '[style.height.px]': 'height()' },
  template: `
    <ngx-charts-bar-horizontal
      [results]="results()"
      [scheme]="palette.scheme()"
      [customColors]="customColors()"
      [xAxis]="true"
      [yAxis]="true"
      [showGridLines]="true"
      [roundDomains]="true"
      [animations]="false"
      [barPadding]="6"
      [trimYAxisTicks]="true"
      [maxYAxisTickLength]="18"
      [xAxisTickFormatting]="axisTick"
      (select)="onSelect($event)"
    >
      <ng-template #tooltipTemplate let-model="model">
        <span class="crm-chart-tip">{{ tooltip(model) }}</span>
      </ng-template>
    </ngx-charts-bar-horizontal>
  `,
  styles: `
    @use 'charts';

    crm-bar-chart {
      display: block;
      min-height: 120px;
      @include charts.axes;
    }
  `,
})
export class BarChart extends ReportChart {
  /** The id of the record behind the clicked bar. */
  readonly picked = output<string>();

  private readonly points = computed(() => (this.chart().series[0]?.points ?? []).slice(0, 15));
  protected readonly results = computed(() => {
    // ngx-charts keys bars by name: two clients with one name would share a bar.
    const seen = new Map<string, number>();
    return this.points().map((p) => {
      const label = this.category(p.x);
      const count = (seen.get(label) ?? 0) + 1;
      seen.set(label, count);
      return { name: count > 1 ? `${label} (${count})` : label, value: num(p.y), extra: { id: p.clientId ?? null } };
    });
  });
  protected readonly customColors = computed(() => {
    const primary = this.palette.colors()[0] as string;
    return this.results().map((r) => ({ name: r.name, value: primary }));
  });
  protected readonly height = computed(() => Math.max(120, this.results().length * 34 + 48));

  protected tooltip(model: { name?: string; value?: number } | undefined): string {
    if (!model?.name) return '';
    return `${model.name}: ${this.fullValue(model.value ?? 0)}`;
  }

  /**
   * Statuses are codes the interface names, close months are months (`2026-11`, or `no-date`);
   * client, product and stage names are shown as they are.
   */
  private category(x: string): string {
    const key = `reports.values.${x}`;
    if (CODED_CHARTS.has(this.chart().key) && this.i18n.has(key)) return this.i18n.t(key as TranslationKey);
    if (this.chart().key === 'pipeline-by-month' && /^\d{4}-\d{2}$/.test(x)) return monthLabel(x, this.i18n.language());
    return x;
  }

  protected onSelect(event: unknown): void {
    const id = (event as { extra?: { id?: unknown } })?.extra?.id;
    if (typeof id === 'string' && id) this.picked.emit(id);
  }
}
