import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { SaleStatus } from '@crm/shared/contracts';
import { TranslatePipe } from '@crm/web/i18n';
import { saleStatusKey } from '../chips/sale-status-chip';

/**
 * Picks a sale's status in a form dialog (a cell of `crm-dialog-scaffold`'s grid), among the
 * statuses the form allows (a return cannot be "refunded"), each by its name in the app language.
 */
@Component({
  selector: 'crm-sale-status-select',
  imports: [MatFormFieldModule, MatSelectModule, ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline">
      <mat-label>{{ label() }}</mat-label>
      <mat-select [formControl]="control()" [attr.data-testid]="testId()">
        @for (status of statuses(); track status) {
          <mat-option [value]="status">{{ statusKey(status) | t }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
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
