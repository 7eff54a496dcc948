import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { AnalyticsPointResponse } from '@crm/shared/contracts';
import { Theme } from '@crm/web/core';
import { formatDate, formatMoney, I18n } from '@crm/web/i18n';
import { AreaChartModule, type Color, ScaleType } from '@swimlane/ngx-charts';

/** Daily revenue as a small area chart in the theme's primary colour (re-read on a theme switch). */
@Component({
  selector: 'crm-revenue-sparkline',
  imports: [AreaChartModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'img', '[attr.aria-label]': 'label()' },
  template: `
    <ngx-charts-area-chart
      [results]="series()"
      [scheme]="scheme()"
      [xAxis]="false"
      [yAxis]="false"
      [legend]="false"
      [gradient]="true"
      [autoScale]="false"
      [animations]="false"
      [tooltipDisabled]="false"
    >
      <ng-template #tooltipTemplate let-model="model">
        <span class="tip">{{ tooltip(model) }}</span>
      </ng-template>
      <ng-template #seriesTooltipTemplate let-model="model">
        <span class="tip">{{ tooltip(model[0]) }}</span>
      </ng-template>
    </ngx-charts-area-chart>
  `,
  styles: `
    :host {
      display: block;
      height: 120px;
    }
    .tip {
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class RevenueSparkline {
  private readonly document = inject(DOCUMENT);
  private readonly theme = inject(Theme);
  private readonly i18n = inject(I18n);

  readonly points = input.required<AnalyticsPointResponse[]>();
  readonly currency = input.required<string>();
  readonly label = input<string>('');

  protected readonly series = computed(() => [
    {
      name: 'revenue',
      series: this.points().map((point) => ({
        name: new Date(`${point.period}T00:00:00`),
        value: Number(point.revenue),
      })),
    },
  ]);

  protected readonly scheme = computed<Color>(() => {
    this.theme.mode();
    const style = this.document.defaultView?.getComputedStyle(this.document.documentElement);
    const primary = style?.getPropertyValue('--mat-sys-primary').trim() || '#4355b9';
    return { name: 'crm', selectable: false, group: ScaleType.Ordinal, domain: [primary] };
  });

  protected tooltip(model: { name?: Date; value?: number } | undefined): string {
    if (!model?.name) return '';
    const lang = this.i18n.language();
    return `${formatDate(model.name, lang)}: ${formatMoney(model.value ?? 0, this.currency(), lang)}`;
  }
}
