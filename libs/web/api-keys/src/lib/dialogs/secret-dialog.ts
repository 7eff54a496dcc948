import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import type { CreatedApiKeyResponse } from '@crm/shared/contracts';
import { TranslatePipe } from '@crm/web/i18n';
import { SecretBox } from './secret-box';

/** The key a rotation issued, shown with copy. */
@Component({
  selector: 'crm-secret-dialog',
  imports: [MatButtonModule, MatDialogModule, SecretBox, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'apiKeys.secretDialog.rotatedTitle' | t }}</h2>
    <mat-dialog-content>
      <p class="text">{{ 'apiKeys.secretDialog.rotatedText' | t }}</p>
      <crm-secret-box [secret]="key.key" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton="filled" type="button" mat-dialog-close>{{ 'common.done' | t }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .text {
      margin: 0 0 12px;
    }
  `,
})
export class SecretDialog {
  protected readonly key = inject<CreatedApiKeyResponse>(MAT_DIALOG_DATA);
}
