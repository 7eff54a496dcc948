import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { AssistantChartResponse } from '@crm/shared/contracts';
import { formatMoney, I18n } from '@crm/web/i18n';

const W = 320;
const H = 120;

/** A small bar chart of a series a tool returned; forecast bars are drawn in the second colour. */
@Component({
  selector: 'crm-assistant-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="chart" data-testid="assistant-chart">
      <figcaption>{{ chart().title }}</figcaption>
      <svg [attr.viewBox]="'0 0 ' + width + ' ' + (height + 18)" role="img" [attr.aria-label]="chart().title">
        @for (bar of bars(); track bar.period) {
          <rect
            [attr.x]="bar.x"
            [attr.y]="bar.y"
            [attr.width]="bar.w"
            [attr.height]="bar.h"
            [class.forecast]="bar.forecast"
            rx="1.5"
          >
            <title>{{ bar.label }}</title>
          </rect>
        }
        <text x="0" [attr.y]="height + 14" class="axis">{{ first() }}</text>
        <text [attr.x]="width" [attr.y]="height + 14" text-anchor="end" class="axis">{{ last() }}</text>
      </svg>
      <div class="max">{{ max() }}</div>
    </figure>
  `,
  styles: `
    .chart {
      margin: 8px 0 0;
      position: relative;
    }
    figcaption {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
      margin-bottom: 4px;
    }
    svg {
      width: 100%;
      max-width: 560px;
      height: auto;
      display: block;
    }
    rect {
      fill: var(--mat-sys-primary);
    }
    rect.forecast {
      fill: var(--mat-sys-tertiary);
      opacity: 0.75;
    }
    .axis {
      font-size: 10px;
      fill: var(--mat-sys-on-surface-variant);
    }
    .max {
      position: absolute;
      top: 18px;
      right: 0;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class AssistantChart {
  readonly chart = input.required<AssistantChartResponse>();
  private readonly i18n = inject(I18n);
  protected readonly width = W;
  protected readonly height = H;

  protected readonly bars = computed(() => {
    const c = this.chart();
    const values = c.points.map((p) => Math.max(0, Number(p.value)));
    const top = Math.max(1, ...values);
    const slot = W / Math.max(1, c.points.length);
    return c.points.map((p, i) => {
      const h = (values[i] / top) * (H - 4);
      return {
        period: p.period,
        x: i * slot + slot * 0.1,
        w: Math.max(1, slot * 0.8),
        y: H - h,
        h,
        forecast: !!c.forecastFrom && p.period >= c.forecastFrom,
        label: `${p.period}: ${formatMoney(p.value, c.currency, this.i18n.language())}`,
      };
    });
  });
  protected readonly first = computed(() => this.chart().points[0]?.period ?? '');
  protected readonly last = computed(() => this.chart().points.at(-1)?.period ?? '');
  protected readonly max = computed(() => {
    const c = this.chart();
    const top = Math.max(0, ...c.points.map((p) => Number(p.value)));
    return formatMoney(top.toFixed(2), c.currency, this.i18n.language());
  });
}
