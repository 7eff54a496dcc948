import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import type { ClientResponse, CreateClientDto } from '@crm/shared/contracts';
import { ClientsApi } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { DialogSave, DialogScaffold, TextField } from '@crm/web/ui';
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
  imports: [DialogScaffold, ReactiveFormsModule, TextField, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <crm-dialog-scaffold
        [title]="(data.client ? 'clients.form.editTitle' : 'clients.form.createTitle') | t"
        [error]="errorText()"
        [save]="save"
        saveTestId="client-save"
        [columnWidth]="'220px'"
      >
        <crm-text-field
          testId="client-name"
          [control]="form.controls.name"
          [wide]="true"
          [focusInitial]="true"
          [label]="'clients.form.name' | t"
          [error]="tooLong(form.controls.name) ? ('clients.form.tooLong' | t) : ''"
        />
        <crm-text-field
          testId="client-email"
          type="email"
          [control]="form.controls.email"
          [label]="'clients.form.email' | t"
          [error]="form.controls.email.hasError('pattern') ? ('clients.form.invalidEmail' | t) : ''"
        />
        <crm-text-field
          testId="client-phone"
          type="tel"
          [control]="form.controls.phone"
          [label]="'clients.form.phone' | t"
        />
        <crm-text-field
          [control]="form.controls.activity"
          [wide]="true"
          [label]="'clients.form.activity' | t"
          [error]="tooLong(form.controls.activity) ? ('clients.form.tooLong' | t) : ''"
        />
        <crm-text-field
          [control]="form.controls.externalId"
          [wide]="true"
          [label]="'clients.form.externalId' | t"
          [hint]="'clients.form.externalIdHint' | t"
        />
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
    if (!this.save.ready(this.form)) return;
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
