import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { SaleDetailResponse, SaleResponse, SaleStatus } from '@crm/shared/contracts';
import { dateToDay, dayToDate } from '@crm/web/core';
import { SalesApi } from '@crm/web/data-access';
import { formatMoney, I18n, TranslatePipe } from '@crm/web/i18n';
import { DateField, DialogSave, DialogScaffold, SaleStatusSelect, TextField } from '@crm/web/ui';
import { returnBody, unreturned, withinLeft } from './return-form';
import { dayOf, normaliseAmount } from '@crm/web/sale-form';

export interface ReturnFormDialogData {
  companyId: string;
  /** The sale given back, with its returns so far. */
  sale: SaleDetailResponse;
}

const STATUSES: SaleStatus[] = ['paid', 'pending', 'cancelled'];

/** Registers a return of a sale: the money given back and, line by line, the goods. */
@Component({
  selector: 'crm-return-form-dialog',
  imports: [
    DateField,
    DialogScaffold,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
    SaleStatusSelect,
    TextField,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <crm-dialog-scaffold
        [title]="'returns.form.title' | t: { name: data.sale.externalId || '' }"
        [save]="save"
        saveTestId="return-save"
        [saveLabel]="'returns.register' | t"
      >
        <crm-text-field
          testId="return-amount"
          inputmode="decimal"
          [control]="form.controls.amount"
          [focusInitial]="true"
          [label]="'returns.form.amount' | t"
          [hint]="'returns.form.amountHint' | t: { left: leftText }"
          [error]="'returns.form.invalidAmount' | t"
        />
        <crm-date-field
          testId="return-date"
          [control]="form.controls.soldOn"
          [required]="true"
          [label]="'returns.form.soldAt' | t"
          [error]="'common.required' | t"
        />
        <crm-sale-status-select
          [control]="form.controls.status"
          [statuses]="statuses"
          [label]="'returns.form.status' | t"
        />
        <mat-form-field appearance="outline">
          <mat-label>{{ 'returns.form.externalId' | t }}</mat-label>
          <input matInput formControlName="externalId" />
        </mat-form-field>
        @if (left.lines.length) {
          <fieldset class="wide lines" formArrayName="quantities">
            <legend>{{ 'returns.form.items' | t }}</legend>
            <p class="hint">{{ 'returns.form.itemsHint' | t }}</p>
            @for (line of left.lines; track $index) {
              <div class="line">
                <span class="name">{{ line.item.name }}</span>
                <mat-form-field appearance="outline" class="qty" subscriptSizing="dynamic">
                  <mat-label>{{ 'returns.form.quantity' | t: { left: line.left } }}</mat-label>
                  <input
                    matInput
                    type="number"
                    min="0"
                    [max]="line.left"
                    [formControlName]="$index"
                    data-testid="return-quantity"
                  />
                  <mat-error>{{ 'returns.form.invalidQuantity' | t: { left: line.left } }}</mat-error>
                </mat-form-field>
              </div>
            }
          </fieldset>
        }
      </crm-dialog-scaffold>
    </form>
  `,
  styles: `
    .lines {
      border: 0;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 8px;
    }
    legend {
      font: var(--mat-sys-title-small);
      padding: 0;
    }
    .hint {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .line {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 4px 12px;
    }
    .name {
      flex: 1 1 160px;
      overflow-wrap: anywhere;
    }
    .qty {
      flex: 0 0 140px;
    }
  `,
})
export class ReturnFormDialog {
  protected readonly data = inject<ReturnFormDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(SalesApi);
  private readonly i18n = inject(I18n);

  protected readonly statuses = STATUSES;
  protected readonly left = unreturned(this.data.sale);
  protected readonly leftText = formatMoney(this.left.amount, this.data.sale.currency, this.i18n.language());
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    amount: [
      this.left.amount,
      [
        Validators.required,
        (c: { value: string }) => {
          const amount = normaliseAmount(c.value);
          return amount && withinLeft(amount, this.left.amount) ? null : { amount: true };
        },
      ],
    ],
    soldOn: this.fb.control<Date | null>(dayToDate(dayOf(new Date().toISOString())), [Validators.required]),
    status: ['paid' as SaleStatus],
    externalId: ['', [Validators.maxLength(128)]],
    quantities: this.fb.array(
      this.left.lines.map((line) => this.fb.control(0, [Validators.min(0), Validators.max(line.left)])),
    ),
  });
  protected readonly save = new DialogSave<SaleResponse>();

  protected submit(): void {
    if (!this.save.ready(this.form)) return;
    const value = this.form.getRawValue();
    const body = returnBody(
      this.data.sale,
      {
        ...value,
        amount: normaliseAmount(value.amount) as string,
        soldOn: dateToDay(value.soldOn),
        quantities: value.quantities.map(Number),
      },
      this.left.lines,
    );
    this.save.run(this.api.create(this.data.companyId, body), 'returns.form.created');
  }
}
