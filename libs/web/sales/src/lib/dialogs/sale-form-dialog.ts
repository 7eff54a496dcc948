import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { SaleResponse, SaleStatus } from '@crm/shared/contracts';
import { describeError, httpStatus } from '@crm/web/core';
import { I18n, TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import { finalize, type Observable } from 'rxjs';
import { SalesApi } from '../sales-api';
import { dayOf, normaliseAmount, saleChanges, soldAtFrom } from './sale-form';

export interface SaleFormDialogData {
  companyId: string;
  /** The buyer of a new sale. */
  clientId: string;
  /** Null to create. */
  sale: SaleResponse | null;
  /** Currency of a new sale (the company's base currency). */
  currency?: string;
}

const STATUSES: SaleStatus[] = ['paid', 'pending', 'cancelled', 'refunded'];

/** Create a sale for a client, or edit one (only the changed fields are sent; items are kept). */
@Component({
  selector: 'crm-sale-form-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2 mat-dialog-title>{{ (data.sale ? 'sales.form.editTitle' : 'sales.form.createTitle') | t }}</h2>
      <mat-dialog-content class="grid">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'sales.form.amount' | t }}</mat-label>
          <input matInput inputmode="decimal" formControlName="amount" data-testid="sale-amount" cdkFocusInitial />
          <mat-hint>{{ 'sales.form.amountHint' | t }}</mat-hint>
          <mat-error>{{ 'sales.form.invalidAmount' | t }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'sales.form.currency' | t }}</mat-label>
          <input matInput formControlName="currency" maxlength="3" data-testid="sale-currency" />
          <mat-error>{{ 'sales.form.invalidCurrency' | t }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'sales.form.soldAt' | t }}</mat-label>
          <input matInput type="date" formControlName="soldOn" required />
          <mat-error>{{ 'common.required' | t }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'sales.form.status' | t }}</mat-label>
          <mat-select formControlName="status">
            @for (status of statuses; track status) {
              <mat-option [value]="status">{{ statusKey(status) | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" class="wide">
          <mat-label>{{ 'sales.form.externalId' | t }}</mat-label>
          <input matInput formControlName="externalId" />
        </mat-form-field>
        @if (errorText(); as text) {
          <p class="error wide" role="alert">{{ text }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button matButton="filled" type="submit" data-testid="sale-save" [disabled]="saving()">
          {{ (saving() ? 'common.saving' : 'common.save') | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 200px), 1fr));
      gap: 4px 12px;
      padding-top: 4px;
    }
    .wide {
      grid-column: 1 / -1;
    }
    .error {
      margin: 0;
      color: var(--mat-sys-error);
    }
  `,
})
export class SaleFormDialog {
  protected readonly data = inject<SaleFormDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<SaleFormDialog, SaleResponse>>(MatDialogRef);
  private readonly api = inject(SalesApi);
  private readonly i18n = inject(I18n);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly statuses = STATUSES;
  protected readonly form = inject(NonNullableFormBuilder).group({
    amount: [
      this.data.sale?.amount ?? '',
      [Validators.required, (c: { value: string }) => (normaliseAmount(c.value) ? null : { amount: true })],
    ],
    currency: [
      this.data.sale?.currency ?? this.data.currency ?? 'RUB',
      [Validators.required, Validators.pattern(/^[A-Za-z]{3}$/)],
    ],
    soldOn: [dayOf(this.data.sale?.soldAt ?? new Date().toISOString()), [Validators.required]],
    status: [this.data.sale?.status ?? ('paid' as SaleStatus)],
    externalId: [this.data.sale?.externalId ?? '', [Validators.maxLength(128)]],
  });
  protected readonly saving = signal(false);
  private readonly failure = signal<unknown>(null);
  protected readonly errorText = computed(() => {
    const error = this.failure();
    if (!error) return null;
    return httpStatus(error) === 409 ? this.i18n.t('sales.form.duplicate') : describeError(error, this.i18n);
  });

  protected statusKey(status: SaleStatus): TranslationKey {
    return `sales.statuses.${status}` as TranslationKey;
  }

  protected submit(): void {
    if (this.form.invalid || this.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    const value = { ...this.form.getRawValue() };
    value.currency = value.currency.toUpperCase();
    const sale = this.data.sale;
    let call: Observable<SaleResponse>;
    if (sale) {
      const body = saleChanges(sale, value);
      if (Object.keys(body).length === 0) {
        this.ref.close(sale);
        return;
      }
      call = this.api.update(this.data.companyId, sale.id, body);
    } else {
      call = this.api.create(this.data.companyId, {
        clientId: this.data.clientId,
        amount: normaliseAmount(value.amount) as string,
        currency: value.currency,
        soldAt: soldAtFrom(value.soldOn),
        status: value.status,
        externalId: value.externalId.trim() || null,
      });
    }
    this.saving.set(true);
    this.failure.set(null);
    call.pipe(finalize(() => this.saving.set(false))).subscribe({
      next: (saved) => {
        this.snackBar.open(this.i18n.t(sale ? 'sales.form.saved' : 'sales.form.created'), undefined, {
          duration: 3000,
        });
        this.ref.close(saved);
      },
      error: (error: unknown) => this.failure.set(error),
    });
  }
}
