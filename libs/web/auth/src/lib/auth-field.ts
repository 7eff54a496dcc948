import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@crm/web/i18n';
import { controlChanges } from '@crm/web/ui';

/**
 * A field of the sign-in and sign-up forms (projected into `crm-auth-form`): label, input, the
 * first of `errors` the control has (validator key → text, in order), the hint. `secret` makes it a
 * password with a show/hide button; `verbatim` turns off capitalisation and spell checking (a login).
 */
@Component({
  selector: 'crm-auth-field',
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [formControl]="control()"
        [name]="name()"
        [autocomplete]="autocomplete()"
        [attr.autocapitalize]="verbatim() ? 'none' : null"
        [attr.spellcheck]="verbatim() ? 'false' : null"
        [required]="required()"
        [type]="secret() && !visible() ? 'password' : 'text'"
      />
      @if (secret()) {
        <button
          matIconButton
          matSuffix
          type="button"
          [attr.aria-label]="(visible() ? 'auth.fields.hidePassword' : 'auth.fields.showPassword') | t"
          [attr.aria-pressed]="visible()"
          (click)="visible.set(!visible())"
        >
          <mat-icon [svgIcon]="visible() ? 'visibility-off' : 'visibility'" />
        </button>
      }
      @if (error(); as text) {
        <mat-error>{{ text }}</mat-error>
      }
      @if (hint()) {
        <mat-hint>{{ hint() }}</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class AuthField {
  readonly control = input.required<FormControl<string>>();
  readonly label = input.required<string>();
  readonly name = input.required<string>();
  readonly autocomplete = input.required<string>();
  readonly required = input(false);
  readonly secret = input(false);
  readonly verbatim = input(false);
  /** Validator key → what to say, the first the control has is shown. */
  readonly errors = input<Record<string, string>>({});
  readonly hint = input('');

  protected readonly visible = signal(false);
  /** Read by the template (through `error()`): the error shows once the form is submitted. */
  private readonly changes = controlChanges(this.control);

  protected error(): string | null {
    this.changes();
    const control = this.control();
    const found = Object.entries(this.errors()).find(([key]) => control.hasError(key));
    return found ? found[1] : null;
  }
}
