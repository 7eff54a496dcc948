import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { EMPTY_VALUE, formatMoney, formatNumber, I18n, type Language, type TranslationKey } from '@crm/web/i18n';
import type { ReportKpiResponse } from '../report-model';

/** A KPI value as the interface writes it. */
export function kpiValue(
  kpi: Pick<ReportKpiResponse, 'kind'>,
  value: string | number | null,
  currency: string,
  lang: Language,
): string {
  if (value === null || value === undefined) return EMPTY_VALUE;
  switch (kpi.kind) {
    case 'money':
      return formatMoney(value, currency, lang);
    case 'ratio':
      return formatNumber(value, lang, { style: 'percent', maximumFractionDigits: 1 });
    case 'integer':
      return formatNumber(value, lang, { maximumFractionDigits: 0 });
    default:
      return formatNumber(value, lang, { maximumFractionDigits: 2 });
  }
}

/** The change against the previous period: `+12,2 %`; for shares the difference in points. */
export function kpiChange(kpi: ReportKpiResponse, lang: Language, points: (n: string) => string): string | null {
  if (kpi.change === null || kpi.change === undefined) return null;
  if (kpi.kind === 'ratio') {
    const n = formatNumber(kpi.change * 100, lang, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    return points(n);
  }
  return formatNumber(kpi.change, lang, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
}

/** The report's indicators in cards, each with its change and the previous period's figure. */
@Component({
  selector: 'crm-report-kpis',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (card of cards(); track card.key) {
      <div class="kpi" [attr.data-testid]="'kpi-' + card.key">
        <span class="label">{{ card.label }}</span>
        <span class="value">{{ card.value }}</span>
        @if (card.change) {
          <span class="change" [class.up]="card.up" [class.down]="card.down">
            @if (card.up || card.down) {
              <mat-icon [svgIcon]="card.up ? 'trending-up' : 'trending-down'" aria-hidden="true" />
            }
            {{ card.change }}
          </span>
        }
        @if (card.previous) {
          <span class="previous">{{ card.previous }}</span>
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 200px), 1fr));
      gap: 12px;
    }
    .kpi {
      display: flex;
      flex-direction: column;
      gap: 2px;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface);
    }
    .label {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
    }
    .value {
      font: var(--mat-sys-headline-small);
      color: var(--mat-sys-on-surface);
      font-variant-numeric: tabular-nums;
    }
    .change {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      font: var(--mat-sys-label-large);
      font-variant-numeric: tabular-nums;
      color: var(--mat-sys-on-surface-variant);
    }
    .change mat-icon {
      width: 18px;
      height: 18px;
    }
    .up {
      color: var(--crm-positive, #1b7f3b);
    }
    .down {
      color: var(--mat-sys-error);
    }
    :host-context(.theme-dark) .up {
      color: var(--crm-positive-dark, #7bd88f);
    }
    @media (max-width: 599.98px) {
      :host {
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 8px;
      }
      .kpi {
        padding: 10px 12px;
      }
      .value {
        font: var(--mat-sys-title-medium);
      }
    }
    .previous {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class ReportKpis {
  private readonly i18n = inject(I18n);

  readonly kpis = input.required<ReportKpiResponse[]>();
  readonly currency = input.required<string>();

  protected readonly cards = computed(() => {
    const lang = this.i18n.language();
    return this.kpis().map((kpi) => {
      const key = `reports.kpis.${kpi.key}`;
      const change = kpiChange(kpi, lang, (n) => this.i18n.t('reports.viewer.points', { value: n }));
      // Fewer returns or clients at risk is good news: the colour follows the meaning, not the sign.
      const lowerIsBetter = /returns|atRisk|AtRisk/.test(kpi.key);
      const sign = Math.sign(kpi.change ?? 0) * (lowerIsBetter ? -1 : 1);
      return {
        key: kpi.key,
        label: this.i18n.has(key) ? this.i18n.t(key as TranslationKey) : kpi.key,
        value: kpiValue(kpi, kpi.value, this.currency(), lang),
        change,
        up: change !== null && sign > 0,
        down: change !== null && sign < 0,
        previous:
          kpi.previous === null || kpi.previous === undefined
            ? null
            : this.i18n.t('reports.viewer.was', { value: kpiValue(kpi, kpi.previous, this.currency(), lang) }),
      };
    });
  });
}
