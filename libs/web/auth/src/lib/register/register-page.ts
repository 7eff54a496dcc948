import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import type { RegisterDto } from '@crm/shared/contracts';
import { AuthApi } from '@crm/web/data-access';
import {
  COMPANY_NAME_MAX_LENGTH,
  LOGIN_PATTERN,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  retryAfterSeconds,
  Session,
} from '@crm/web/core';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { finalize } from 'rxjs';
import { authFormError, type FormError, formErrorText } from '../auth-error';
import { AuthField } from '../auth-field';
import { AuthForm } from '../auth-form';

import { retryCountdown } from '../retry-countdown';
import { safeReturnUrl } from '../safe-return-url';

@Component({
  selector: 'crm-register-page',
  imports: [AuthField, AuthForm, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './register-page.html',
})
export class RegisterPage {
  private readonly api = inject(AuthApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly countdown = retryCountdown();

  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    login: ['', [Validators.required, Validators.pattern(LOGIN_PATTERN)]],
    password: [
      '',
      [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)],
    ],
    companyName: ['', [Validators.maxLength(COMPANY_NAME_MAX_LENGTH)]],
  });
  protected readonly submitting = signal(false);
  protected readonly retryIn = this.countdown.left;
  private readonly failure = signal<FormError | null>(null);
  protected readonly errorText = computed(() => formErrorText(this.failure(), this.retryIn(), this.i18n));

  protected submit(): void {
    if (this.form.invalid || this.submitting() || this.retryIn() > 0) {
      this.form.markAllAsTouched();
      return;
    }
    const { login, password, companyName } = this.form.getRawValue();
    const body: RegisterDto = { login, password };
    if (companyName.trim()) body.companyName = companyName.trim();

    this.submitting.set(true);
    this.failure.set(null);
    this.api
      .register(body)
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: (auth) => {
          this.session.start(auth);
          void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
        },
        error: (error: unknown) => {
          const wait = retryAfterSeconds(error);
          if (wait) this.countdown.start(wait);
          this.failure.set(authFormError(error, { 409: 'auth.register.loginTaken' }));
        },
      });
  }
}
