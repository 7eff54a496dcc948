import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { LOGIN_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '@crm/web/core';
import { AuthApi } from '@crm/web/data-access';
import { TranslatePipe } from '@crm/web/i18n';
import { AuthField } from '../auth-field';
import { AuthForm } from '../auth-form';
import { authSubmission } from '../auth-submission';

@Component({
  selector: 'crm-login-page',
  imports: [AuthField, AuthForm, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login-page.html',
})
export class LoginPage {
  private readonly api = inject(AuthApi);

  /** Query parameters, bound by the router. */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    login: ['', [Validators.required, Validators.maxLength(LOGIN_MAX_LENGTH)]],
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });
  private readonly submission = authSubmission({ 401: 'auth.login.wrongCredentials' }, this.returnUrl);
  protected readonly submitting = this.submission.submitting;
  protected readonly retryIn = this.submission.retryIn;
  protected readonly errorText = this.submission.errorText;
  protected readonly expired = computed(() => this.reason() === 'expired');

  protected submit(): void {
    this.submission.submit(this.form, () => this.api.login(this.form.getRawValue()));
  }
}
