import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { LOGIN_MAX_LENGTH, PASSWORD_MAX_LENGTH, retryAfterSeconds, Session } from '@crm/web/core';
import { AuthApi } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { finalize } from 'rxjs';
import { authFormError, type FormError, formErrorText } from '../auth-error';
import { AuthField } from '../auth-field';
import { AuthForm } from '../auth-form';

import { retryCountdown } from '../retry-countdown';
import { safeReturnUrl } from '../safe-return-url';

@Component({
  selector: 'crm-login-page',
  imports: [AuthField, AuthForm, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login-page.html',
})
export class LoginPage {
  private readonly api = inject(AuthApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly countdown = retryCountdown();

  /** Query parameters, bound by the router. */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    login: ['', [Validators.required, Validators.maxLength(LOGIN_MAX_LENGTH)]],
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });
  protected readonly submitting = signal(false);
  protected readonly retryIn = this.countdown.left;
  private readonly failure = signal<FormError | null>(null);
  protected readonly errorText = computed(() => formErrorText(this.failure(), this.retryIn(), this.i18n));
  protected readonly expired = computed(() => this.reason() === 'expired');

  protected submit(): void {
    if (this.form.invalid || this.submitting() || this.retryIn() > 0) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.failure.set(null);
    this.api
      .login(this.form.getRawValue())
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: (auth) => {
          this.session.start(auth);
          void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
        },
        error: (error: unknown) => {
          const wait = retryAfterSeconds(error);
          if (wait) this.countdown.start(wait);
          this.failure.set(authFormError(error, { 401: 'auth.login.wrongCredentials' }));
        },
      });
  }
}
