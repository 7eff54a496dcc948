import type { ComponentType } from '@angular/cdk/overlay';
import type { MatDialog, MatDialogConfig } from '@angular/material/dialog';
import { filter, type Observable } from 'rxjs';

/**
 * Opens a form dialog (one built on `crm-dialog-scaffold`) at its width, never wider than the
 * phone's screen, and emits what it closed with once it saved; nothing when it was cancelled.
 *
 *   openFormDialog<ClientFormDialog, ClientFormDialogData, ClientResponse>(this.dialog, ClientFormDialog, data)
 *     .subscribe((saved) => this.client.set(saved));
 */
export function openFormDialog<C, D, R>(
  dialog: MatDialog,
  component: ComponentType<C>,
  data: D,
  width = '560px',
  config: Omit<MatDialogConfig<D>, 'data' | 'width' | 'maxWidth'> = {},
): Observable<R> {
  return dialog
    .open<C, D, R>(component, { ...config, data, width, maxWidth: '94vw' })
    .afterClosed()
    .pipe(filter((result): result is R => !!result));
}
