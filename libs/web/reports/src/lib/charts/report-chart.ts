import { computed, Directive, inject, input } from '@angular/core';
import { I18n } from '@crm/web/i18n';
import type { ReportChartResponse } from '../report-model';
import { axisValue, fullValue } from './chart-format';
import { ChartPalette } from './chart-palette';

/**
 * What every chart of a report has: the chart, the currency its money is in, the figure's name for
 * screen readers, the theme's colours, and its values written for an axis and in full.
 */
@Directive()
export abstract class ReportChart {
  protected readonly i18n = inject(I18n);
  protected readonly palette = inject(ChartPalette);

  readonly chart = input.required<ReportChartResponse>();
  readonly currency = input.required<string>();
  readonly label = input('');

  protected readonly unit = computed(() => this.chart().unit ?? 'money');

  /** A value for an axis tick (short: `1,2 млн ₽`). */
  protected readonly axisTick = (value: number): string =>
    axisValue(value, this.unit(), this.currency(), this.i18n.language());

  /** A value in full (tooltips, legends). */
  protected fullValue(value: number | string): string {
    return fullValue(value, this.unit(), this.currency(), this.i18n.language());
  }
}
