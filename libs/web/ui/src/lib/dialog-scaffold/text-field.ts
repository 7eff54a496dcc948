import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { DialogField } from './dialog-field';

/**
 * A text field of a form dialog (a cell of `crm-dialog-scaffold`'s grid, the whole row when
 * `wide`): label, the input (a textarea when `rows` is given), a hint, and what to say when the
 * control is invalid.
 *
 *   <crm-text-field testId="deal-title" [control]="form.controls.title" [wide]="true" [focusInitial]="true"
 *                   [label]="'deals.form.title' | t" [error]="'deals.form.titleRequired' | t" />
 */
@Component({
  selector: 'crm-text-field',
  imports: [MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" [class.wide]="wide()">
      <mat-label>{{ label() }}</mat-label>
      @if (rows(); as rows) {
        <textarea
          matInput
          [rows]="rows"
          [formControl]="control()"
          [attr.data-testid]="testId()"
          [attr.cdkFocusInitial]="focusInitial() ? '' : null"
        ></textarea>
      } @else {
        <input
          matInput
          [type]="type()"
          [attr.inputmode]="inputmode()"
          [formControl]="control()"
          [attr.data-testid]="testId()"
          [attr.cdkFocusInitial]="focusInitial() ? '' : null"
        />
      }
      @if (hint(); as text) {
        <mat-hint>{{ text }}</mat-hint>
      }
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
export class TextField extends DialogField<FormControl<string>> {
  /** The input's type: `text`, `email`, `tel`, `time`… */
  readonly type = input('text');
  readonly inputmode = input<'decimal' | 'numeric' | null>(null);
  /** A textarea of this many rows instead of a one-line input. */
  readonly rows = input(0);
  /** Spans the dialog grid's row. */
  readonly wide = input(false);
  /** Takes the focus when the dialog opens. */
  readonly focusInitial = input(false);
  /** Shown under the field (already translated). */
  readonly hint = input('');
}
