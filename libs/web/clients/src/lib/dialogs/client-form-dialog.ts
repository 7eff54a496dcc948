import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ClientResponse, CreateClientDto } from '@crm/shared/contracts';
import { ClientsApi } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { DialogSave, DialogScaffold } from '@crm/web/ui';
import type { Observable } from 'rxjs';

export interface ClientFormDialogData {
  companyId: string;
  /** Null to create. */
  client: ClientResponse | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Create or edit a client; on edit only the changed fields are sent, and a cleared field is `null`. */
@Component({
  selector: 'crm-client-form-dialog',
  imports: [DialogScaffold, MatFormFieldModule, MatInputModule, ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <crm-dialog-scaffold
        [title]="(data.client ? 'clients.form.editTitle' : 'clients.form.createTitle') | t"
        [error]="errorText()"
        [saving]="save.saving()"
        saveTestId="client-save"
        [columnWidth]="'220px'"
      >
        <mat-form-field appearance="outline" class="wide">
          <mat-label>{{ 'clients.form.name' | t }}</mat-label>
          <input matInput formControlName="name" data-testid="client-name" cdkFocusInitial />
          @if (tooLong(form.controls.name)) {
            <mat-error>{{ 'clients.form.tooLong' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'clients.form.email' | t }}</mat-label>
          <input matInput type="email" formControlName="email" data-testid="client-email" />
          @if (form.controls.email.hasError('pattern')) {
            <mat-error>{{ 'clients.form.invalidEmail' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'clients.form.phone' | t }}</mat-label>
          <input matInput type="tel" formControlName="phone" data-testid="client-phone" />
        </mat-form-field>
        <mat-form-field appearance="outline" class="wide">
          <mat-label>{{ 'clients.form.activity' | t }}</mat-label>
          <input matInput formControlName="activity" />
          @if (tooLong(form.controls.activity)) {
            <mat-error>{{ 'clients.form.tooLong' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" class="wide">
          <mat-label>{{ 'clients.form.externalId' | t }}</mat-label>
          <input matInput formControlName="externalId" />
          <mat-hint>{{ 'clients.form.externalIdHint' | t }}</mat-hint>
        </mat-form-field>
      </crm-dialog-scaffold>
    </form>
  `,
})
export class ClientFormDialog {
  protected readonly data = inject<ClientFormDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(ClientsApi);
  private readonly i18n = inject(I18n);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [this.data.client?.name ?? '', [Validators.maxLength(200)]],
    email: [this.data.client?.email ?? '', [Validators.pattern(EMAIL), Validators.maxLength(320)]],
    phone: [this.data.client?.phone ?? '', [Validators.maxLength(50)]],
    activity: [this.data.client?.activity ?? '', [Validators.maxLength(200)]],
    externalId: [this.data.client?.externalId ?? '', [Validators.maxLength(128)]],
  });
  protected readonly save = new DialogSave<ClientResponse>({ conflict: 'clients.form.duplicate' });
  private readonly incomplete = signal(false);
  protected readonly errorText = computed(() =>
    this.incomplete() ? this.i18n.t('clients.form.needSomething') : this.save.errorText(),
  );

  protected tooLong(control: AbstractControl): boolean {
    return control.hasError('maxlength');
  }

  protected submit(): void {
    if (this.form.invalid || this.save.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    const values = this.form.getRawValue();
    const body: CreateClientDto = {};
    for (const key of ['name', 'email', 'phone', 'activity', 'externalId'] as const) {
      const value = values[key].trim() || null;
      const before = this.data.client ? this.data.client[key] : null;
      if (value !== before) body[key] = value;
    }
    this.incomplete.set(!this.data.client && !values.name.trim() && !values.email.trim() && !values.phone.trim());
    if (this.incomplete()) return;
    const client = this.data.client;
    if (client && Object.keys(body).length === 0) {
      this.save.close(client);
      return;
    }
    const call: Observable<ClientResponse> = client
      ? this.api.update(this.data.companyId, client.id, body)
      : this.api.create(this.data.companyId, body);
    this.save.run(call, client ? 'clients.form.saved' : 'clients.form.created');
  }
}
