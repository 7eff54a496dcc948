import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { SaleStatus } from '@crm/shared/contracts';
import { TranslatePipe, type TranslationKey } from '@crm/web/i18n';

/** The dictionary key of a sale status's name (`sales.statuses.paid`…). */
export const saleStatusKey = (status: SaleStatus): TranslationKey => `sales.statuses.${status}` as TranslationKey;

/** A sale's status as a small coloured label (colour is never the only cue: the text says it). */
@Component({
  selector: 'crm-sale-status-chip',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-status]': 'status()' },
  template: `{{ key() | t }}`,
  styles: `
    :host {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 8px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
    :host([data-status='paid']) {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    :host([data-status='pending']) {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    :host([data-status='refunded']) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class SaleStatusChip {
  readonly status = input.required<SaleStatus>();
  protected readonly key = computed(() => saleStatusKey(this.status()));
}
