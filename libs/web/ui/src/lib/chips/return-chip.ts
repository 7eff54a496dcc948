import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '@crm/web/i18n';

/** Marks a return (a sale with `kind: 'return'`) wherever sales are listed; the text says it. */
@Component({
  selector: 'crm-return-chip',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'data-testid': 'return-chip' },
  template: `{{ 'returns.chip' | t }}`,
  styles: `
    :host {
      display: inline-block;
      padding: 1px 8px;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-outline);
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      color: var(--mat-sys-on-surface);
    }
  `,
})
export class ReturnChip {}
