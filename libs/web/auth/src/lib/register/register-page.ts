import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import type { RegisterDto } from '@crm/shared/contracts';
import { COMPANY_NAME_MAX_LENGTH, LOGIN_PATTERN, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@crm/web/core';
import { AuthApi } from '@crm/web/data-access';
import { TranslatePipe } from '@crm/web/i18n';
import { AuthField } from '../auth-field';
import { AuthForm } from '../auth-form';
import { authSubmission } from '../auth-submission';

@Component({
  selector: 'crm-register-page',
  imports: [AuthField, AuthForm, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './register-page.html',
})
export class RegisterPage {
  private readonly api = inject(AuthApi);

  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    login: ['', [Validators.required, Validators.pattern(LOGIN_PATTERN)]],
    password: [
      '',
      [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)],
    ],
    companyName: ['', [Validators.maxLength(COMPANY_NAME_MAX_LENGTH)]],
  });
  private readonly submission = authSubmission({ 409: 'auth.register.loginTaken' }, this.returnUrl);
  protected readonly submitting = this.submission.submitting;
  protected readonly retryIn = this.submission.retryIn;
  protected readonly errorText = this.submission.errorText;

  protected submit(): void {
    this.submission.submit(this.form, () => {
      const { login, password, companyName } = this.form.getRawValue();
      const body: RegisterDto = { login, password };
      if (companyName.trim()) body.companyName = companyName.trim();
      return this.api.register(body);
    });
  }
}
