import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import type { RevenueForecastResponse } from '@crm/shared/contracts';
import { formatMoney, formatNumber, I18n, type TranslationKey, type TranslationParams } from '@crm/web/i18n';
import { tickLabel } from './revenue-chart';

export interface ForecastLine {
  key: TranslationKey;
  params?: TranslationParams;
}

const BENCHMARK_NAMES: Record<string, TranslationKey> = {
  Naive: 'dashboard.forecast.naive',
  SeasonalNaive: 'dashboard.forecast.seasonalNaive',
};

/**
 * What the start screen says about a forecast, in order: no history; empty recent months; the
 * back-test in plain words (the model's MASE against the simple benchmark's), a warning when it is
 * worse than a typical month-to-month change, and the fall-back to the benchmark.
 */
export function forecastLines(f: RevenueForecastResponse, format: (n: number) => string): ForecastLine[] {
  if (f.history.length === 0) return [{ key: 'dashboard.forecast.empty' }];
  const lines: ForecastLine[] = [];
  if (f.recentHistoryEmpty && f.lastRevenuePeriod)
    lines.push({
      key: 'dashboard.forecast.stale',
      params: { count: f.emptyRecentPeriods, month: f.lastRevenuePeriod },
    });
  const { mase, benchmark, fallback } = f.backtest;
  if (mase === null || !benchmark || benchmark.mase === null) {
    lines.push({ key: 'dashboard.forecast.noBacktest' });
    return lines;
  }
  lines.push({
    key: 'dashboard.forecast.backtest',
    params: {
      mase: format(mase),
      benchmark: BENCHMARK_NAMES[benchmark.model] ?? benchmark.model,
      benchmarkMase: format(benchmark.mase),
    },
  });
  if (mase > 1) lines.push({ key: 'dashboard.forecast.weak' });
  if (fallback) lines.push({ key: 'dashboard.forecast.fallback' });
  return lines;
}

/** The next months' revenue with 80% intervals, and an honest account of how far to trust it. */
@Component({
  selector: 'crm-forecast-card',
  imports: [MatCardModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" class="card" data-testid="forecast-card">
      <h3 class="label">{{ title() }}</h3>
      @if (forecast().history.length > 0) {
        <dl class="months">
          @for (row of rows(); track row.period) {
            <div class="row">
              <dt>{{ row.month }}</dt>
              <dd class="num">
                <span class="value">{{ row.value }}</span>
                <span class="interval">{{ row.interval }}</span>
              </dd>
            </div>
          }
        </dl>
      }
      @for (line of lines(); track line) {
        <p class="note" data-testid="forecast-note">{{ line }}</p>
      }
      @if (forecast().history.length > 0) {
        <p class="model">{{ model() }}</p>
      }
    </mat-card>
  `,
  styles: `
    .card {
      padding: 16px;
    }
    .label {
      margin: 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
    }
    .months {
      margin: 0 0 8px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0 12px;
      padding: 4px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    dt {
      font: var(--mat-sys-body-medium);
    }
    dd {
      margin: 0;
      text-align: right;
    }
    .num {
      font-variant-numeric: tabular-nums;
    }
    .value {
      font: var(--mat-sys-title-small);
    }
    .interval {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .note,
    .model {
      margin: 6px 0 0;
      font: var(--mat-sys-body-small);
    }
    .model {
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
  `,
})
export class ForecastCard {
  private readonly i18n = inject(I18n);
  readonly forecast = input.required<RevenueForecastResponse>();

  protected readonly title = computed(() => this.i18n.t('dashboard.forecast.title'));
  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    const { points, currency } = this.forecast();
    return points.map((p) => ({
      period: p.period,
      month: tickLabel(p.period, 'month', lang),
      value: formatMoney(p.revenue, currency, lang),
      interval: this.i18n.t('dashboard.forecast.interval', {
        lower: formatMoney(p.lower80, currency, lang),
        upper: formatMoney(p.upper80, currency, lang),
      }),
    }));
  });
  protected readonly lines = computed(() => {
    const lang = this.i18n.language();
    const format = (n: number) => formatNumber(n, lang, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
    return forecastLines(this.forecast(), format).map((line) => {
      const params = { ...line.params };
      if (typeof params['month'] === 'string') params['month'] = tickLabel(params['month'], 'month', lang);
      if (typeof params['benchmark'] === 'string' && params['benchmark'].startsWith('dashboard.'))
        params['benchmark'] = this.i18n.t(params['benchmark'] as TranslationKey);
      return this.i18n.t(line.key, params);
    });
  });
  protected readonly model = computed(() => this.i18n.t('dashboard.forecast.model', { model: this.forecast().model }));
}
