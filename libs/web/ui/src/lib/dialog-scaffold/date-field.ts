import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { DialogField } from './dialog-field';

/**
 * A day field of a form dialog (a cell of `crm-dialog-scaffold`'s grid): label, the typed or
 * picked day (the app's date adapter reads and shows it in the interface language), the
 * calendar button and what to say when the control is invalid.
 *
 *   <crm-date-field testId="sale-date" [control]="form.controls.soldOn" [required]="true"
 *                   [label]="'sales.form.soldAt' | t" [error]="'common.required' | t" />
 */
@Component({
  selector: 'crm-date-field',
  imports: [MatDatepickerModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [matDatepicker]="picker"
        [formControl]="control()"
        [required]="required()"
        [attr.data-testid]="testId()"
      />
      <mat-datepicker-toggle matIconSuffix [for]="picker" />
      <mat-datepicker #picker />
      @if (errorText(); as text) {
        <mat-error>{{ text }}</mat-error>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class DateField extends DialogField<FormControl<Date | null>> {
  readonly required = input(false);
}
