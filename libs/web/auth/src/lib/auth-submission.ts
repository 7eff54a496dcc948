import { computed, inject, type Signal, signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { Router } from '@angular/router';
import type { AuthResponse } from '@crm/shared/contracts';
import { retryAfterSeconds, Session } from '@crm/web/core';
import { I18n, type TranslationKey } from '@crm/web/i18n';
import { finalize, type Observable } from 'rxjs';
import { authFormError, type FormError, formErrorText } from './auth-error';
import { retryCountdown } from './retry-countdown';
import { safeReturnUrl } from './safe-return-url';

export interface AuthSubmission {
  /** A request is out. */
  readonly submitting: Signal<boolean>;
  /** Seconds before a rate-limited form may be sent again. */
  readonly retryIn: Signal<number>;
  /** The sentence under the form, in the interface language; null when all is well. */
  readonly errorText: Signal<string | null>;
  /**
   * Sends the form with `request` unless it is invalid (then its errors show), already out or
   * rate-limited: on success the session starts and the return URL opens.
   */
  submit(form: AbstractControl, request: () => Observable<AuthResponse>): void;
}

/**
 * What signing in and signing up share once the form is sent: the busy state, the error under the
 * form (`known` says which statuses have a sentence of their own, e.g. 401 or 409), the countdown
 * after a 429, and where to go on success. Call it in an injection context (a page's field).
 */
export function authSubmission(
  known: Partial<Record<number, TranslationKey>>,
  returnUrl: () => string | undefined,
): AuthSubmission {
  const session = inject(Session);
  const router = inject(Router);
  const i18n = inject(I18n);
  const countdown = retryCountdown();
  const submitting = signal(false);
  const failure = signal<FormError | null>(null);
  return {
    submitting: submitting.asReadonly(),
    retryIn: countdown.left,
    errorText: computed(() => formErrorText(failure(), countdown.left(), i18n)),
    submit(form, request) {
      if (form.invalid || submitting() || countdown.left() > 0) {
        form.markAllAsTouched();
        return;
      }
      submitting.set(true);
      failure.set(null);
      request()
        .pipe(finalize(() => submitting.set(false)))
        .subscribe({
          next: (auth) => {
            session.start(auth);
            void router.navigateByUrl(safeReturnUrl(returnUrl()));
          },
          error: (error: unknown) => {
            const wait = retryAfterSeconds(error);
            if (wait) countdown.start(wait);
            failure.set(authFormError(error, known));
          },
        });
    },
  };
}
