import { Directive, input } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { controlChanges } from '../forms/control-changes';

/**
 * What a labelled field of a form dialog has (`crm-text-field`, `crm-date-field`): its control,
 * label, test id and what to say when the control is invalid, shown once the dialog is submitted
 * although the field is OnPush.
 */
@Directive()
export abstract class DialogField<C extends AbstractControl> {
  readonly control = input.required<C>();
  readonly label = input.required<string>();
  readonly testId = input<string | null>(null);
  /** Shown when the control is invalid and touched (already translated); nothing when empty. */
  readonly error = input('');

  /** Read by the template (through `errorText()`): the error shows once the dialog is submitted. */
  private readonly changes = controlChanges(this.control);

  protected errorText(): string {
    this.changes();
    return this.error();
  }
}
