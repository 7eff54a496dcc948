import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { CompanyRole, InvitationResponse } from '@crm/shared/contracts';
import { describeError, LOGIN_PATTERN, ROLE_LABELS } from '@crm/web/core';
import { MembersApi } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { Toasts } from '@crm/web/ui';
import { finalize } from 'rxjs';

/**
 * Invites a login. The answer is the same whether or not the login is registered, so the form says
 * only that the invitation is saved; 409 means the login is a member already.
 */
@Component({
  selector: 'crm-invite-form',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="login">
        <mat-label>{{ 'company.invite.login' | t }}</mat-label>
        <input
          matInput
          formControlName="login"
          data-testid="invite-login"
          autocomplete="off"
          autocapitalize="none"
          spellcheck="false"
          required
        />
        @if (form.controls.login.hasError('required')) {
          <mat-error>{{ 'auth.validation.loginRequired' | t }}</mat-error>
        } @else if (form.controls.login.hasError('pattern')) {
          <mat-error>{{ 'auth.validation.loginInvalid' | t }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="role">
        <mat-label>{{ 'company.invite.role' | t }}</mat-label>
        <mat-select formControlName="role" data-testid="invite-role">
          @for (role of roles(); track role) {
            <mat-option [value]="role">{{ roleLabels[role] | t }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <button matButton="filled" type="submit" class="submit" data-testid="invite-submit" [disabled]="saving()">
        <mat-icon svgIcon="person-add" />
        {{ 'company.invite.submit' | t }}
      </button>
    </form>
    @if (errorText(); as text) {
      <p class="error" role="alert" data-testid="invite-error">{{ text }}</p>
    }
  `,
  styles: `
    .form {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 8px 12px;
    }
    .login {
      flex: 2 1 180px;
    }
    .role {
      flex: 1 1 140px;
    }
    .submit {
      flex: none;
      height: 52px;
      margin-bottom: 8px;
    }
    .error {
      margin: 4px 0 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class InviteForm {
  private readonly api = inject(MembersApi);
  private readonly i18n = inject(I18n);
  private readonly toasts = inject(Toasts);

  readonly companyId = input.required<string>();
  readonly roles = input.required<readonly CompanyRole[]>();
  readonly invited = output<InvitationResponse>();

  protected readonly roleLabels = ROLE_LABELS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    login: ['', [Validators.required, Validators.pattern(LOGIN_PATTERN)]],
    role: ['member' as CompanyRole],
  });
  protected readonly saving = signal(false);
  private readonly formDirective = viewChild.required(FormGroupDirective);
  private readonly failure = signal<unknown>(null);
  protected readonly errorText = computed(() => (this.failure() ? describeError(this.failure(), this.i18n) : null));

  protected submit(): void {
    if (this.form.invalid || this.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    const { login, role } = this.form.getRawValue();
    this.saving.set(true);
    this.failure.set(null);
    this.api
      .add(this.companyId(), { login, role })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (invitation) => {
          this.toasts.said(this.i18n.t('invitations.sent', { login: invitation.login }), 6000);
          // Resetting the directive too clears its `submitted` flag, so the empty field is not shown as an error.
          this.formDirective().resetForm({ login: '', role: 'member' });
          this.invited.emit(invitation);
        },
        error: (error: unknown) => this.failure.set(error),
      });
  }
}
