import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe, type TranslationKey } from '@crm/web/i18n';

/**
 * Picks one of a few fixed values in a form dialog (a cell of `crm-dialog-scaffold`'s grid): a
 * task's or an interaction's type, a sale's status; each value by its name in the app language.
 *
 *   <crm-option-select testId="task-type" [control]="form.controls.type" [options]="types"
 *                      [optionKey]="typeKey" [label]="'tasks.form.type' | t" />
 */
@Component({
  selector: 'crm-option-select',
  imports: [MatFormFieldModule, MatSelectModule, ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline">
      <mat-label>{{ label() }}</mat-label>
      <mat-select [formControl]="control()" [attr.data-testid]="testId()">
        @for (option of options(); track option) {
          <mat-option [value]="option">{{ optionKey()(option) | t }}</mat-option>
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
export class OptionSelect<T extends string> {
  readonly control = input.required<FormControl<T>>();
  readonly options = input.required<readonly T[]>();
  /** The dictionary key of a value's name. */
  readonly optionKey = input.required<(option: T) => TranslationKey>();
  readonly label = input.required<string>();
  readonly testId = input<string | null>(null);
}
