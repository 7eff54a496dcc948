import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { ClientResponse, DealResponse, UpdateDealDto } from '@crm/shared/contracts';
import { CompanyContext, dateToDay, dayToDate } from '@crm/web/core';
import { DealsApi, PipelinesApi } from '@crm/web/data-access';
import { decimalInput, I18n, TranslatePipe } from '@crm/web/i18n';
import {
  ClientPicker,
  CURRENCY_CODE_VALIDATORS,
  DateField,
  DialogSave,
  DialogScaffold,
  MemberSelect,
  MoneyField,
  TextField,
} from '@crm/web/ui';
import type { Observable } from 'rxjs';
import { changedFields, dueMoment, normaliseDealAmount, parseProbability, timeOf } from './deal-form';

export interface DealFormDialogData {
  companyId: string;
  /** The client of a new deal; null to pick one in the form. */
  clientId: string | null;
  /** Null to create. */
  deal: DealResponse | null;
  /** Currency of a new deal (the company's base currency). */
  currency?: string;
  /** Pipeline and stage of a new deal (the board's); the first pipeline and its first stage otherwise. */
  pipelineId?: string | null;
  stageId?: string | null;
}

const amountValidator = (c: AbstractControl<string>) => (normaliseDealAmount(c.value) ? null : { amount: true });
const probabilityValidator = (c: AbstractControl<string>) =>
  parseProbability(c.value) === undefined ? { probability: true } : null;

/**
 * Create a deal (for a given client, or one picked by name) or edit one. Money is typed in the app
 * language (`250 000,50` in Russian); on edit only the changed fields are sent, and the stage is
 * changed on the board or the deal page (a move keeps the history), not here.
 */
@Component({
  selector: 'crm-deal-form-dialog',
  imports: [
    ClientPicker,
    DateField,
    DialogScaffold,
    MatFormFieldModule,
    MatSelectModule,
    MemberSelect,
    MoneyField,
    ReactiveFormsModule,
    TextField,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <crm-dialog-scaffold
        [title]="(data.deal ? 'deals.form.editTitle' : 'deals.form.createTitle') | t"
        [save]="save"
        saveTestId="deal-save"
      >
        <crm-text-field
          testId="deal-title"
          [control]="form.controls.title"
          [wide]="true"
          [focusInitial]="true"
          [label]="'deals.form.title' | t"
          [error]="'deals.form.titleRequired' | t"
        />
        @if (!data.deal && !data.clientId) {
          <crm-client-picker
            testId="deal-client"
            [control]="clientQuery"
            [companyId]="data.companyId"
            [label]="'deals.form.client' | t"
            [hint]="'deals.form.clientHint' | t"
            [error]="'deals.form.clientRequired' | t"
          />
        }
        <crm-money-field testId="deal" texts="deals.form" [controls]="form.controls" />
        @if (!data.deal) {
          <mat-form-field appearance="outline">
            <mat-label>{{ 'deals.form.pipeline' | t }}</mat-label>
            <mat-select formControlName="pipelineId" data-testid="deal-pipeline">
              @for (pipeline of pipelineList(); track pipeline.id) {
                <mat-option [value]="pipeline.id">{{ pipeline.name }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'deals.form.stage' | t }}</mat-label>
            <mat-select formControlName="stageId" data-testid="deal-stage">
              @for (stage of stages(); track stage.id) {
                <mat-option [value]="stage.id">{{ stage.name }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        <crm-member-select
          testId="deal-owner"
          [control]="form.controls.ownerId"
          [companyId]="data.companyId"
          [label]="'deals.form.owner' | t"
        />
        <crm-date-field
          testId="deal-close"
          [control]="form.controls.expectedClose"
          [label]="'deals.form.expectedClose' | t"
        />
        <crm-text-field
          testId="deal-probability"
          inputmode="numeric"
          [control]="form.controls.probability"
          [label]="'deals.form.probability' | t"
          [hint]="'deals.form.probabilityHint' | t"
          [error]="'deals.form.invalidProbability' | t"
        />
        <crm-text-field testId="deal-source" [control]="form.controls.source" [label]="'deals.form.source' | t" />
        <crm-text-field
          testId="deal-next-step"
          [control]="form.controls.nextStep"
          [wide]="true"
          [label]="'deals.form.nextStep' | t"
        />
        <crm-date-field
          testId="deal-next-due"
          [control]="form.controls.nextStepDue"
          [label]="'deals.form.nextStepDue' | t"
          [error]="'deals.form.nextStepDueRequired' | t"
        />
        <crm-text-field type="time" [control]="form.controls.nextStepTime" [label]="'tasks.form.dueTime' | t" />
      </crm-dialog-scaffold>
    </form>
  `,
})
export class DealFormDialog {
  protected readonly data = inject<DealFormDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(DealsApi);
  private readonly pipelinesApi = inject(PipelinesApi);
  private readonly i18n = inject(I18n);
  private readonly context = inject(CompanyContext);
  private readonly fb = inject(NonNullableFormBuilder);

  private readonly deal = this.data.deal;
  private readonly nextStep = this.deal?.nextStep ?? null;
  protected readonly form = this.fb.group({
    title: [this.deal?.title ?? '', [Validators.required, Validators.maxLength(500)]],
    amount: [decimalInput(this.deal?.amount ?? '', this.i18n.language()), [Validators.required, amountValidator]],
    currency: [this.deal?.currency ?? this.data.currency ?? 'RUB', CURRENCY_CODE_VALIDATORS],
    pipelineId: [this.deal?.pipelineId ?? this.data.pipelineId ?? ''],
    stageId: [this.deal?.stageId ?? this.data.stageId ?? ''],
    ownerId: [this.deal?.ownerId ?? this.context.me()?.id ?? ''],
    expectedClose: this.fb.control<Date | null>(dayToDate(this.deal?.expectedCloseDate ?? null)),
    probability: [this.deal?.probabilityOverridden ? String(this.deal.probability) : '', [probabilityValidator]],
    source: [this.deal?.source ?? '', [Validators.maxLength(200)]],
    nextStep: [this.nextStep?.title ?? '', [Validators.maxLength(500)]],
    nextStepDue: this.fb.control<Date | null>(this.nextStep ? new Date(this.nextStep.dueAt) : null),
    nextStepTime: [timeOf(this.nextStep?.dueAt)],
  });

  protected readonly pipelines = rxResource({
    params: () => this.data.companyId,
    stream: ({ params }) => this.pipelinesApi.list(params),
  });
  protected readonly pipelineList = computed(() => (this.pipelines.hasValue() ? this.pipelines.value() : []));
  private readonly pipelineId = toSignal(this.form.controls.pipelineId.valueChanges, {
    initialValue: this.form.controls.pipelineId.value,
  });
  protected readonly stages = computed(
    () => this.pipelineList().find((pipeline) => pipeline.id === this.pipelineId())?.stages ?? [],
  );

  protected readonly clientQuery = this.fb.control<string | ClientResponse>('', (c) =>
    this.deal || this.data.clientId || (c.value && typeof c.value === 'object') ? null : { client: true },
  );
  protected readonly save = new DialogSave<DealResponse>();

  constructor() {
    // A new deal starts on the first pipeline's first stage unless the board said otherwise.
    effect(() => {
      const pipelines = this.pipelineList();
      const controls = this.form.controls;
      if (this.deal || pipelines.length === 0) return;
      if (!pipelines.some((pipeline) => pipeline.id === controls.pipelineId.value)) {
        controls.pipelineId.setValue(pipelines[0].id);
      }
      const stages = this.stages();
      if (stages.length > 0 && !stages.some((stage) => stage.id === controls.stageId.value)) {
        controls.stageId.setValue(stages[0].id);
      }
    });
  }

  protected submit(): void {
    const nextDue = this.form.controls.nextStepDue;
    const wantsStep = this.form.controls.nextStep.value.trim() !== '';
    nextDue.setErrors(wantsStep && !nextDue.value ? { required: true } : null);
    if (!this.save.ready(this.form, this.clientQuery)) return;
    const raw = this.form.getRawValue();
    const dueAt = dueMoment(raw.nextStepDue, raw.nextStepTime);
    const fields = {
      title: raw.title.trim(),
      amount: normaliseDealAmount(raw.amount) as string,
      currency: raw.currency.toUpperCase(),
      ownerId: raw.ownerId || undefined,
      expectedCloseDate: raw.expectedClose ? dateToDay(raw.expectedClose) : null,
      probability: parseProbability(raw.probability) ?? null,
      source: raw.source.trim() || null,
    };
    const nextStep = wantsStep && dueAt ? { title: raw.nextStep.trim(), dueAt } : null;
    let call: Observable<DealResponse>;
    if (this.deal) {
      const before = {
        title: this.deal.title,
        amount: this.deal.amount,
        currency: this.deal.currency,
        ownerId: this.deal.ownerId,
        expectedCloseDate: this.deal.expectedCloseDate,
        probability: this.deal.probabilityOverridden ? this.deal.probability : null,
        source: this.deal.source,
      };
      const body: UpdateDealDto = changedFields(before, fields) as UpdateDealDto;
      const stepBefore = this.nextStep ? { title: this.nextStep.title, dueAt: this.nextStep.dueAt } : null;
      if (JSON.stringify(nextStep) !== JSON.stringify(stepBefore)) body.nextStep = nextStep;
      if (Object.keys(body).length === 0) {
        this.save.close(this.deal);
        return;
      }
      call = this.api.update(this.data.companyId, this.deal.id, body);
    } else {
      const picked = this.clientQuery.value;
      const clientId = this.data.clientId ?? (typeof picked === 'object' ? picked.id : '');
      call = this.api.create(this.data.companyId, {
        ...fields,
        clientId,
        pipelineId: raw.pipelineId || undefined,
        stageId: raw.stageId || undefined,
        ...(nextStep ? { nextStep } : {}),
      });
    }
    this.save.run(call, this.deal ? 'deals.form.saved' : 'deals.form.created');
  }
}
