import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { describeError } from '@crm/web/core';
import { I18n, type TranslationKey } from '@crm/web/i18n';

/**
 * The app's snackbar messages: that something was done (a few seconds, no action), and that a
 * request failed (the failure in the app language, with "Close").
 */
@Injectable({ providedIn: 'root' })
export class Toasts {
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);

  /** Says `text` (already in words) for `duration` ms. */
  said(text: string, duration = 3000): void {
    this.snackBar.open(text, undefined, { duration });
  }

  /** Says why `error` happened; the snackbar stays `duration` ms unless closed. */
  failed(error: unknown, duration = 6000): void {
    this.snackBar.open(describeError(error, this.i18n), this.i18n.t('common.close'), { duration });
  }

  /** Says what failed (`what`, e.g. "Could not move the deal") and why. */
  failedTo(what: TranslationKey, error: unknown, duration = 6000): void {
    this.snackBar.open(`${this.i18n.t(what)}: ${describeError(error, this.i18n)}`, this.i18n.t('common.close'), {
      duration,
    });
  }
}
