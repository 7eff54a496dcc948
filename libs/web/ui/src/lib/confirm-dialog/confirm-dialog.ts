import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { TranslatePipe } from '@crm/web/i18n';
import { map, type Observable } from 'rxjs';

export interface ConfirmDialogData {
  title: string;
  text: string;
  confirm: string;
  /** Paints the confirm button in the error colour (revoke, remove). */
  destructive?: boolean;
}

/** "Are you sure?" with the consequence spelled out; Cancel has the initial focus. */
@Component({
  selector: 'crm-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p class="text">{{ data.text }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" [mat-dialog-close]="false" cdkFocusInitial>{{ 'common.cancel' | t }}</button>
      <button matButton="filled" type="button" [class.destructive]="data.destructive" [mat-dialog-close]="true">
        {{ data.confirm }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .text {
      margin: 0;
      max-width: 52ch;
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
}

/** Opens the confirm dialog; emits `true` only when the user confirmed. */
export function openConfirm(dialog: MatDialog, data: ConfirmDialogData): Observable<boolean> {
  return dialog
    .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, { data, width: '480px', maxWidth: '92vw' })
    .afterClosed()
    .pipe(map((confirmed) => confirmed === true));
}
