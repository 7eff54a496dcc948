import { computed, inject, signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { MatDialogRef } from '@angular/material/dialog';
import { describeError, httpStatus } from '@crm/web/core';
import { I18n, type TranslationKey } from '@crm/web/i18n';
import { finalize, type Observable } from 'rxjs';
import { Toasts } from '../toasts/toasts';

export interface DialogSaveOptions {
  /** What a 409 answer means in this dialog (a duplicate); the server's words otherwise. */
  conflict?: TranslationKey;
}

/**
 * The save of a form dialog beside {@link DialogScaffold}: `saving()` while the request runs (the
 * submit button waits), the failure in words for the scaffold's error line, and on success an
 * optional snackbar and the dialog closed with what the server answered. Create it in the dialog's
 * injection context (a field).
 *
 *   protected readonly save = new DialogSave<ClientResponse>({ conflict: 'clients.form.duplicate' });
 *   ...
 *   this.save.run(this.api.create(companyId, body), 'clients.form.created');
 */
export class DialogSave<T> {
  private readonly ref = inject<MatDialogRef<unknown, T>>(MatDialogRef);
  private readonly i18n = inject(I18n);
  private readonly toasts = inject(Toasts);
  private readonly failure = signal<unknown>(null);

  readonly saving = signal(false);
  /** The last failure in words, or null. */
  readonly errorText = computed(() => {
    const error = this.failure();
    if (!error) return null;
    const conflict = this.options.conflict;
    return conflict && httpStatus(error) === 409 ? this.i18n.t(conflict) : describeError(error, this.i18n);
  });

  constructor(private readonly options: DialogSaveOptions = {}) {}

  /**
   * Whether the form may be sent: no control invalid and no save under way. Otherwise every
   * control is marked touched, so its fields say what is wrong.
   */
  ready(...controls: AbstractControl[]): boolean {
    if (!this.saving() && !controls.some((control) => control.invalid)) return true;
    for (const control of controls) control.markAllAsTouched();
    return false;
  }

  /** Sends the request; on success says `done` (when given) and closes the dialog with the answer. */
  run(request: Observable<T>, done?: TranslationKey): void {
    this.saving.set(true);
    this.failure.set(null);
    request.pipe(finalize(() => this.saving.set(false))).subscribe({
      next: (saved) => {
        if (done) this.toasts.said(this.i18n.t(done));
        this.ref.close(saved);
      },
      error: (error: unknown) => this.failure.set(error),
    });
  }

  /** Nothing to send (no field changed): closes with the record as it was. */
  close(unchanged: T): void {
    this.ref.close(unchanged);
  }
}
