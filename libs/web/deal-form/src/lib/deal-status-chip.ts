import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { DealStatus } from '@crm/shared/contracts';
import { TranslatePipe, type TranslationKey } from '@crm/web/i18n';

/** «В работе» / «Выиграна» / «Проиграна», coloured by outcome. */
@Component({
  selector: 'crm-deal-status-chip',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="chip" [class]="status()" data-testid="deal-status">{{ key() | t }}</span>`,
  styles: `
    .chip {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 12px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .won {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .lost {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class DealStatusChip {
  readonly status = input.required<DealStatus>();
  protected readonly key = computed(() => `deals.kind.${this.status()}` as TranslationKey);
}
