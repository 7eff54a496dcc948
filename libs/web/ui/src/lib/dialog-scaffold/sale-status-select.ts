import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { FormControl } from '@angular/forms';
import type { SaleStatus } from '@crm/shared/contracts';
import { saleStatusKey } from '../chips/sale-status-chip';
import { OptionSelect } from './option-select';

/**
 * Picks a sale's status in a form dialog (a cell of `crm-dialog-scaffold`'s grid), among the
 * statuses the form allows (a return cannot be "refunded"), each by its name in the app language.
 */
@Component({
  selector: 'crm-sale-status-select',
  imports: [OptionSelect],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-option-select
      [control]="control()"
      [options]="statuses()"
      [optionKey]="statusKey"
      [label]="label()"
      [testId]="testId()"
    />
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class SaleStatusSelect {
  readonly control = input.required<FormControl<SaleStatus>>();
  readonly statuses = input.required<readonly SaleStatus[]>();
  readonly label = input.required<string>();
  readonly testId = input<string | null>(null);

  protected readonly statusKey = saleStatusKey;
}
