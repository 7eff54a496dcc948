import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import { controlChanges } from '@crm/web/ui';

export type AuthFieldName = 'login' | 'password' | 'companyName';

interface FieldSpec {
  label: TranslationKey;
  hint: TranslationKey;
  /** Validator key → what to say, in order: the first the control has is shown. */
  errors: [string, TranslationKey][];
  required: boolean;
  secret: boolean;
  /** No capitalisation or spell checking (a login is typed as it is). */
  verbatim: boolean;
  autocomplete: { signIn: string; signUp: string };
}

const FIELDS: Record<AuthFieldName, FieldSpec> = {
  login: {
    label: 'auth.fields.login',
    hint: 'auth.fields.loginHint',
    errors: [
      ['required', 'auth.validation.loginRequired'],
      ['pattern', 'auth.validation.loginInvalid'],
    ],
    required: true,
    secret: false,
    verbatim: true,
    autocomplete: { signIn: 'username', signUp: 'username' },
  },
  password: {
    label: 'auth.fields.password',
    hint: 'auth.fields.passwordHint',
    errors: [
      ['required', 'auth.validation.passwordRequired'],
      ['minlength', 'auth.validation.passwordTooShort'],
    ],
    required: true,
    secret: true,
    verbatim: false,
    autocomplete: { signIn: 'current-password', signUp: 'new-password' },
  },
  companyName: {
    label: 'auth.fields.companyName',
    hint: 'auth.fields.companyNameHint',
    errors: [['maxlength', 'auth.validation.companyNameTooLong']],
    required: false,
    secret: false,
    verbatim: false,
    autocomplete: { signIn: 'organization', signUp: 'organization' },
  },
};

/**
 * A field of the sign-in and sign-up forms (projected into `crm-auth-form`): the login, the
 * password (with a show/hide button) or the company name (optional), each with its label, the
 * first error its control has and, when signing up, its hint and the browser's "new password".
 */
@Component({
  selector: 'crm-auth-field',
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{
        spec().required ? (spec().label | t) : (spec().label | t) + ' (' + ('common.optional' | t) + ')'
      }}</mat-label>
      <input
        matInput
        [formControl]="control()"
        [name]="field()"
        [autocomplete]="signUp() ? spec().autocomplete.signUp : spec().autocomplete.signIn"
        [attr.autocapitalize]="spec().verbatim ? 'none' : null"
        [attr.spellcheck]="spec().verbatim ? 'false' : null"
        [required]="spec().required"
        [type]="spec().secret && !visible() ? 'password' : 'text'"
      />
      @if (spec().secret) {
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
      @if (error(); as key) {
        <mat-error>{{ key | t }}</mat-error>
      }
      @if (signUp()) {
        <mat-hint>{{ spec().hint | t }}</mat-hint>
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
  readonly field = input.required<AuthFieldName>();
  readonly control = input.required<FormControl<string>>();
  /** On the sign-up form: hints under the fields, and the password is a new one. */
  readonly signUp = input(false);

  protected readonly spec = computed(() => FIELDS[this.field()]);
  protected readonly visible = signal(false);
  /** Read by the template (through `error()`): the error shows once the form is submitted. */
  private readonly changes = controlChanges(this.control);

  protected error(): TranslationKey | null {
    this.changes();
    const control = this.control();
    return this.spec().errors.find(([key]) => control.hasError(key))?.[1] ?? null;
  }
}
