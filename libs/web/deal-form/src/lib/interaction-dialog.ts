import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTimepickerModule } from '@angular/material/timepicker';
import type { InteractionResponse, InteractionType } from '@crm/shared/contracts';
import { ClientsApi, DealsApi } from '@crm/web/data-access';
import { TranslatePipe } from '@crm/web/i18n';
import { DateField, DialogSave, DialogScaffold, interactionTypeKey, OptionSelect, TextField } from '@crm/web/ui';

export interface InteractionDialogData {
  companyId: string;
  clientId: string;
  /** Recorded on this deal (and so on its client) rather than on the client alone. */
  dealId?: string | null;
}

export const INTERACTION_TYPE_LIST: InteractionType[] = ['call', 'email', 'meeting', 'message', 'purchase', 'other'];

/** The moment of a picked day and a picked time of day (both local). */
export function momentOf(day: Date, time: Date): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), time.getHours(), time.getMinutes());
}

/**
 * Log a call, email, meeting… with when it happened and what was agreed: on a client, or on one of
 * its deals (the client page and the deal page both open it).
 */
@Component({
  selector: 'crm-interaction-dialog',
  imports: [
    DateField,
    DialogScaffold,
    MatFormFieldModule,
    MatInputModule,
    MatTimepickerModule,
    OptionSelect,
    ReactiveFormsModule,
    TextField,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <crm-dialog-scaffold [title]="'clients.interaction.title' | t" [save]="save" saveTestId="interaction-save">
        <crm-option-select
          testId="interaction-type"
          [control]="form.controls.type"
          [options]="types"
          [optionKey]="typeKey"
          [label]="'clients.interaction.type' | t"
        />
        <crm-date-field
          testId="interaction-day"
          [control]="form.controls.occurredOn"
          [required]="true"
          [label]="'clients.interaction.occurredAt' | t"
        />
        <mat-form-field appearance="outline">
          <mat-label>{{ 'clients.interaction.time' | t }}</mat-label>
          <input
            matInput
            [matTimepicker]="timePicker"
            formControlName="occurredTime"
            required
            data-testid="interaction-time"
          />
          <mat-timepicker-toggle matIconSuffix [for]="timePicker" />
          <mat-timepicker #timePicker />
        </mat-form-field>
        <crm-text-field
          testId="interaction-summary"
          [control]="form.controls.summary"
          [rows]="3"
          [wide]="true"
          [focusInitial]="true"
          [label]="'clients.interaction.summary' | t"
          [error]="'clients.interaction.summaryRequired' | t"
        />
      </crm-dialog-scaffold>
    </form>
  `,
})
export class InteractionDialog {
  private readonly data = inject<InteractionDialogData>(MAT_DIALOG_DATA);
  private readonly clients = inject(ClientsApi);
  private readonly deals = inject(DealsApi);

  protected readonly types = INTERACTION_TYPE_LIST;
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly now = new Date();
  protected readonly form = this.fb.group({
    type: ['call' as InteractionType],
    occurredOn: this.fb.control<Date | null>(this.now, [Validators.required]),
    occurredTime: this.fb.control<Date | null>(this.now, [Validators.required]),
    summary: ['', [Validators.required, Validators.maxLength(2000)]],
  });
  protected readonly save = new DialogSave<InteractionResponse>();

  protected readonly typeKey = interactionTypeKey;

  protected submit(): void {
    const value = this.form.getRawValue();
    if (this.form.invalid || !value.summary.trim() || !value.occurredOn || !value.occurredTime || this.save.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    const body = {
      type: value.type,
      occurredAt: momentOf(value.occurredOn, value.occurredTime).toISOString(),
      summary: value.summary.trim(),
    };
    const { companyId, clientId, dealId } = this.data;
    this.save.run(
      dealId
        ? this.deals.addInteraction(companyId, dealId, body)
        : this.clients.addInteraction(companyId, clientId, body),
    );
  }
}
