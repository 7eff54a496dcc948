import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { describeError } from '@crm/web/core';
import { I18n } from '@crm/web/i18n';

/** The snackbar that says a request failed: the failure in the app language, and "Close". */
@Injectable({ providedIn: 'root' })
export class Toasts {
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);

  /** Says why `error` happened; the snackbar stays `duration` ms unless closed. */
  failed(error: unknown, duration = 6000): void {
    this.snackBar.open(describeError(error, this.i18n), this.i18n.t('common.close'), { duration });
  }
}
