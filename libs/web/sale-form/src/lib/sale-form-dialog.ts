import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import type { ClientResponse, SaleResponse, SaleStatus } from '@crm/shared/contracts';
import { dateToDay, dayToDate } from '@crm/web/core';
import { SalesApi } from '@crm/web/data-access';
import { decimalInput, I18n, MoneyPipe, TranslatePipe } from '@crm/web/i18n';
import {
  ClientPicker,
  CURRENCY_CODE_VALIDATORS,
  DateField,
  DialogSave,
  DialogScaffold,
  MoneyField,
  SaleStatusSelect,
  TextField,
} from '@crm/web/ui';
import type { Observable } from 'rxjs';
import {
  dayOf,
  itemsTotal,
  linesOf,
  normaliseAmount,
  normaliseQuantity,
  normaliseUnitPrice,
  saleChanges,
  saleItems,
  soldAtFrom,
} from './sale-form';
import { type SaleLineGroup, SaleLines } from './sale-lines';

export interface SaleFormDialogData {
  companyId: string;
  /** The buyer of a new sale; null to pick one in the form (the sales list). */
  clientId: string | null;
  /** Null to create. */
  sale: SaleResponse | null;
  /** Currency of a new sale (the company's base currency). */
  currency?: string;
}

const STATUSES: SaleStatus[] = ['paid', 'pending', 'cancelled', 'refunded'];

const decimalValidator =
  (normalise: (text: string) => string | null) =>
  (c: AbstractControl<string>): Record<string, boolean> | null =>
    normalise(c.value) ? null : { decimal: true };

/**
 * Create a sale (for a given client, or one picked by name on the sales list) or edit one: the
 * goods lines too. Money and quantities are shown and typed in the app language (`70,90` in
 * Russian); on edit only the changed fields are sent.
 */
@Component({
  selector: 'crm-sale-form-dialog',
  imports: [
    ClientPicker,
    DateField,
    DialogScaffold,
    MatButtonModule,
    MoneyField,
    MoneyPipe,
    ReactiveFormsModule,
    SaleLines,
    SaleStatusSelect,
    TextField,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <crm-dialog-scaffold
        [title]="(data.sale ? 'sales.form.editTitle' : 'sales.form.createTitle') | t"
        [save]="save"
        saveTestId="sale-save"
      >
        @if (!data.sale && !data.clientId) {
          <crm-client-picker
            testId="sale-buyer"
            [withEmail]="true"
            [control]="buyerQuery"
            [companyId]="data.companyId"
            [label]="'sales.form.buyer' | t"
            [hint]="'sales.form.buyerHint' | t"
            [error]="'sales.form.buyerRequired' | t"
          />
        }
        <crm-money-field
          testId="sale"
          texts="sales.form"
          [focusInitial]="true"
          [amountHint]="'sales.form.amountHint' | t"
          [controls]="form.controls"
        />
        <crm-date-field
          testId="sale-date"
          [control]="form.controls.soldOn"
          [required]="true"
          [label]="'sales.form.soldAt' | t"
          [error]="'common.required' | t"
        />
        <crm-sale-status-select
          [control]="form.controls.status"
          [statuses]="statuses"
          [label]="'sales.form.status' | t"
        />
        <crm-text-field [control]="form.controls.externalId" [wide]="true" [label]="'sales.form.externalId' | t" />
        <crm-sale-lines class="wide" [lines]="form.controls.items" [newLine]="newLine" />
        @if (total(); as sum) {
          <p class="wide total" data-testid="items-total">
            {{ 'sales.form.itemsTotal' | t }}: {{ sum | money: form.controls.currency.value.toUpperCase() }}
            @if (amountDiffers()) {
              <button matButton type="button" data-testid="use-total" (click)="useTotal()">
                {{ 'sales.form.useTotal' | t }}
              </button>
            }
          </p>
        }
      </crm-dialog-scaffold>
    </form>
  `,
  styles: `
    .total {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SaleFormDialog {
  protected readonly data = inject<SaleFormDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(SalesApi);
  private readonly i18n = inject(I18n);

  private readonly fb = inject(NonNullableFormBuilder);
  private readonly decimal = (value: string | number) => decimalInput(value, this.i18n.language());

  protected readonly statuses = STATUSES;
  protected readonly newLine = (): SaleLineGroup =>
    this.fb.group({
      name: ['', [Validators.required, Validators.maxLength(500)]],
      sku: ['', [Validators.maxLength(128)]],
      quantity: ['1', [decimalValidator(normaliseQuantity)]],
      unitPrice: ['', [decimalValidator(normaliseUnitPrice)]],
    });
  protected readonly form = this.fb.group({
    amount: [this.decimal(this.data.sale?.amount ?? ''), [Validators.required, decimalValidator(normaliseAmount)]],
    currency: [this.data.sale?.currency ?? this.data.currency ?? 'RUB', CURRENCY_CODE_VALIDATORS],
    soldOn: this.fb.control<Date | null>(dayToDate(dayOf(this.data.sale?.soldAt ?? new Date().toISOString())), [
      Validators.required,
    ]),
    status: [this.data.sale?.status ?? ('paid' as SaleStatus)],
    externalId: [this.data.sale?.externalId ?? '', [Validators.maxLength(128)]],
    items: this.fb.array<SaleLineGroup>([]),
  });
  private readonly value = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  protected readonly total = computed(() => {
    const lines = this.value().items ?? [];
    return lines.length > 0 ? itemsTotal(this.form.getRawValue().items) : null;
  });
  protected readonly amountDiffers = computed(() => {
    const total = this.total();
    const amount = normaliseAmount(this.value().amount ?? '');
    return total !== null && (amount === null || Number(amount) !== Number(total));
  });

  /** Picking the buyer of a new sale on the sales list. */
  protected readonly buyerQuery = this.fb.control<string | ClientResponse>('', (c) =>
    this.data.sale || this.data.clientId || (c.value && typeof c.value === 'object') ? null : { buyer: true },
  );
  protected readonly save = new DialogSave<SaleResponse>({ conflict: 'sales.form.duplicate' });

  constructor() {
    for (const line of linesOf(this.data.sale?.items ?? [], this.decimal)) {
      const group = this.newLine();
      group.setValue(line);
      this.form.controls.items.push(group);
    }
  }

  protected useTotal(): void {
    const total = this.total();
    if (total !== null) this.form.controls.amount.setValue(this.decimal(total));
  }

  protected submit(): void {
    const picked = this.buyerQuery.value;
    const clientId = this.data.clientId ?? (typeof picked === 'object' ? picked.id : null);
    if (!this.save.ready(this.form, this.buyerQuery)) return;
    const raw = this.form.getRawValue();
    const value = { ...raw, currency: raw.currency.toUpperCase(), soldOn: dateToDay(raw.soldOn) };
    const sale = this.data.sale;
    let call: Observable<SaleResponse>;
    if (sale) {
      const body = saleChanges(sale, value);
      if (Object.keys(body).length === 0) {
        this.save.close(sale);
        return;
      }
      call = this.api.update(this.data.companyId, sale.id, body);
    } else {
      const items = saleItems(value.items) ?? [];
      call = this.api.create(this.data.companyId, {
        clientId: clientId as string,
        amount: normaliseAmount(value.amount) as string,
        currency: value.currency,
        soldAt: soldAtFrom(value.soldOn),
        status: value.status,
        externalId: value.externalId.trim() || null,
        ...(items.length > 0 ? { items } : {}),
      });
    }
    this.save.run(call, sale ? 'sales.form.saved' : 'sales.form.created');
  }
}
