import { ChangeDetectionStrategy, Component, computed, inject, input, ViewEncapsulation } from '@angular/core';
import type { DealFunnelResponse } from '@crm/shared/contracts';
import { I18n } from '@crm/web/i18n';
import { BarChartModule, type Color, ScaleType } from '@swimlane/ngx-charts';
import { funnelBars } from './funnel-model';

/**
 * The funnel as horizontal bars: how many deals of the cohort reached each open stage and won. As
 * on the start screen, the colours come from the theme through CSS (bars in the primary colour, text
 * and grid lines in the surface colours), so light and dark follow.
 */
@Component({
  selector: 'crm-funnel-chart',
  imports: [BarChartModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  host: { role: 'img', '[attr.aria-label]': 'label()', '[style.height.px]': 'height()' },
  template: `
    <ngx-charts-bar-horizontal
      [results]="bars()"
      [scheme]="scheme"
      [xAxis]="true"
      [yAxis]="true"
      [showGridLines]="true"
      [roundDomains]="true"
      [animations]="false"
      [barPadding]="8"
      [showDataLabel]="true"
      [dataLabelFormatting]="count"
      [xAxisTickFormatting]="count"
      [trimYAxisTicks]="true"
      [maxYAxisTickLength]="14"
    >
      <ng-template #tooltipTemplate let-model="model">
        <span class="crm-funnel-chart-tip">{{ model?.name }}: {{ count(model?.value ?? 0) }}</span>
      </ng-template>
    </ngx-charts-bar-horizontal>
  `,
  styles: `
    @use 'charts';

    crm-funnel-chart {
      display: block;
      min-height: 120px;
      @include charts.axes($bars: true);
    }
    .crm-funnel-chart-tip {
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class FunnelChart {
  private readonly i18n = inject(I18n);

  readonly funnel = input.required<DealFunnelResponse>();
  readonly label = input('');

  /** One fixed colour: the CSS above paints the bars with the theme's primary. */
  protected readonly scheme: Color = { name: 'crm', selectable: false, group: ScaleType.Ordinal, domain: ['#4355b9'] };
  protected readonly bars = computed(() => funnelBars(this.funnel()));
  protected readonly height = computed(() => Math.max(140, this.bars().length * 40 + 56));

  /** Whole deal counts only: ngx-charts would otherwise label a small axis 0.5, 1.5… */
  protected readonly count = (value: number): string =>
    Number.isInteger(Number(value)) ? new Intl.NumberFormat(this.i18n.language()).format(Number(value)) : '';
}
