import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { CreatedApiKeyResponse } from '@crm/shared/contracts';
import { API_KEY_NAME_MAX_LENGTH, describeError } from '@crm/web/core';
import { ApiKeysApi } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { finalize } from 'rxjs';
import { SecretBox } from './secret-box';

export interface CreateKeyDialogData {
  companyId: string;
}

/** Name the key, create it, then show the secret with a copy button. */
@Component({
  selector: 'crm-create-key-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
    SecretBox,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (created(); as key) {
      <h2 mat-dialog-title>{{ 'apiKeys.secretDialog.createdTitle' | t }}</h2>
      <mat-dialog-content>
        <p class="text">{{ 'apiKeys.secretDialog.createdText' | t }}</p>
        <crm-secret-box [secret]="key.key" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton="filled" type="button" [mat-dialog-close]="key">{{ 'common.done' | t }}</button>
      </mat-dialog-actions>
    } @else {
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <h2 mat-dialog-title>{{ 'apiKeys.createDialog.title' | t }}</h2>
        <mat-dialog-content>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="field">
            <mat-label>{{ 'apiKeys.createDialog.name' | t }}</mat-label>
            <input matInput formControlName="name" data-testid="key-name" cdkFocusInitial required />
            @if (form.controls.name.hasError('required')) {
              <mat-error>{{ 'apiKeys.createDialog.nameRequired' | t }}</mat-error>
            } @else if (form.controls.name.hasError('maxlength')) {
              <mat-error>{{ 'apiKeys.createDialog.nameTooLong' | t }}</mat-error>
            }
            <mat-hint>{{ 'apiKeys.createDialog.nameHint' | t }}</mat-hint>
          </mat-form-field>
          @if (errorText(); as text) {
            <p class="error" role="alert">{{ text }}</p>
          }
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button matButton type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
          <button matButton="filled" type="submit" data-testid="create-key-submit" [disabled]="saving()">
            {{ 'apiKeys.createDialog.submit' | t }}
          </button>
        </mat-dialog-actions>
      </form>
    }
  `,
  styles: `
    .field {
      width: 100%;
      margin-top: 4px;
    }
    .text {
      margin: 0 0 12px;
    }
    .error {
      margin: 8px 0 0;
      color: var(--mat-sys-error);
    }
  `,
})
export class CreateKeyDialog {
  private readonly data = inject<CreateKeyDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(ApiKeysApi);
  private readonly i18n = inject(I18n);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(API_KEY_NAME_MAX_LENGTH)]],
  });
  protected readonly saving = signal(false);
  protected readonly created = signal<CreatedApiKeyResponse | null>(null);
  private readonly failure = signal<unknown>(null);
  protected readonly errorText = computed(() => (this.failure() ? describeError(this.failure(), this.i18n) : null));

  protected submit(): void {
    const name = this.form.controls.name.value.trim();
    if (this.form.invalid || !name || this.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.failure.set(null);
    this.api
      .create(this.data.companyId, { name })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (key) => this.created.set(key),
        error: (error: unknown) => this.failure.set(error),
      });
  }
}
