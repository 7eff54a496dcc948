import { ChangeDetectionStrategy, Component, computed, ViewEncapsulation } from '@angular/core';
import { formatNumber, type TranslationKey } from '@crm/web/i18n';
import { PieChartModule } from '@swimlane/ngx-charts';
import { num } from './chart-format';
import { lighten } from './chart-palette';
import { ReportChart } from './report-chart';

/** The segment mix as a doughnut in the theme's colours, with a legend that names every share. */
@Component({
  selector: 'crm-segment-chart',
  imports: [PieChartModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  host: { role: 'figure', '[attr.aria-label]': 'label()' },
  template: `
    <div class="crm-segment-layout">
      <div class="crm-segment-plot">
        <ngx-charts-pie-chart
          [results]="results()"
          [scheme]="scheme()"
          [doughnut]="true"
          [arcWidth]="0.35"
          [animations]="false"
          [tooltipText]="tip"
        />
      </div>
      <ul class="crm-segment-legend">
        @for (item of legend(); track item.name) {
          <li>
            <span class="swatch" [style.background]="item.color"></span>
            <span class="name">{{ item.name }}</span>
            <span class="value">{{ item.value }}</span>
            <span class="share">{{ item.share }}</span>
          </li>
        }
      </ul>
    </div>
  `,
  styles: `
    crm-segment-chart {
      display: block;
      .crm-segment-layout {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 16px;
      }
      .crm-segment-plot {
        flex: 0 0 200px;
        height: 200px;
      }
      .crm-segment-legend {
        flex: 1 1 220px;
        margin: 0;
        padding: 0;
        list-style: none;
        font: var(--mat-sys-body-medium);
        li {
          display: grid;
          grid-template-columns: 12px 1fr auto auto;
          align-items: center;
          gap: 8px;
          padding: 4px 0;
          border-bottom: 1px solid var(--mat-sys-outline-variant);
        }
        .swatch {
          width: 12px;
          height: 12px;
          border-radius: 3px;
        }
        .value,
        .share {
          text-align: right;
          font-variant-numeric: tabular-nums;
        }
        .share {
          min-width: 4ch;
          color: var(--mat-sys-on-surface-variant);
        }
      }
    }
  `,
})
export class SegmentChart extends ReportChart {
  protected readonly results = computed(() =>
    (this.chart().series[0]?.points ?? [])
      .map((p) => ({ name: this.segmentName(p.x), value: num(p.y) }))
      .filter((p) => p.value > 0),
  );
  /** The theme's colours, then lighter and darker mixes of them for the remaining segments. */
  protected readonly scheme = computed(() => {
    const base = this.palette.colors();
    const mixes = base.map((c) => lighten(c));
    return { ...this.palette.scheme(), domain: [...base, ...mixes] };
  });
  protected readonly legend = computed(() => {
    const lang = this.i18n.language();
    const total = this.results().reduce((sum, r) => sum + r.value, 0);
    const colours = this.scheme().domain;
    return this.results().map((r, i) => ({
      name: r.name,
      color: colours[i % colours.length],
      value: this.fullValue(r.value),
      share: total > 0 ? formatNumber(r.value / total, lang, { style: 'percent', maximumFractionDigits: 0 }) : '',
    }));
  });

  protected readonly tip = (entry: { data: { name: string; value: number } }): string =>
    `${entry.data.name}: ${this.fullValue(entry.data.value)}`;

  private segmentName(segment: string): string {
    const key = `clients.segments.${segment}`;
    return this.i18n.has(key) ? this.i18n.t(key as TranslationKey) : segment;
  }
}
