import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ExchangeRateResponse, ExchangeRatesResponse } from '@crm/shared/contracts';
import { dateToDay, dayToDate } from '@crm/web/core';
import { ExchangeRatesApi } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { DialogSave } from '@crm/web/ui';
import { startWith } from 'rxjs';
import { CURRENCIES, currencyOptions, filterOptions } from '../settings/reference-lists';
import { normaliseRate, sameDayRate, today } from './rate-form';

export interface RateDialogData {
  companyId: string;
  baseCurrency: string;
  rates: readonly ExchangeRateResponse[];
  /** Null to add a rate. */
  rate: ExchangeRateResponse | null;
}

const currencyValidator = (base: string) => (control: AbstractControl<string>) => {
  const code = control.value.trim().toUpperCase();
  if (!CURRENCIES.includes(code)) return { currency: true };
  return code === base ? { base: true } : null;
};

/** Add a rate, or change the rate of one (currency, day); saving answers the company's rates. */
@Component({
  selector: 'crm-rate-dialog',
  imports: [
    MatAutocompleteModule,
    MatButtonModule,
    MatDatepickerModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2 mat-dialog-title>{{ (data.rate ? 'rates.edit' : 'rates.add') | t }}</h2>
      <mat-dialog-content class="grid">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
          <mat-label>{{ 'rates.currency' | t }}</mat-label>
          <input
            matInput
            formControlName="currency"
            data-testid="rate-currency"
            autocomplete="off"
            spellcheck="false"
            [matAutocomplete]="currencies"
            [readonly]="!!data.rate"
          />
          <mat-autocomplete #currencies="matAutocomplete">
            @for (option of currencyMatches(); track option.code) {
              <mat-option [value]="option.code">{{ option.label }}</mat-option>
            }
          </mat-autocomplete>
          <mat-hint>{{ 'rates.currencyHint' | t }}</mat-hint>
          @if (form.controls.currency.hasError('base')) {
            <mat-error>{{ 'rates.sameAsBase' | t }}</mat-error>
          } @else {
            <mat-error>{{ 'rates.invalidCurrency' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'rates.rate' | t }}</mat-label>
          <input matInput inputmode="decimal" formControlName="rate" data-testid="rate-value" cdkFocusInitial />
          <mat-hint>{{ 'rates.rateHint' | t: { base: data.baseCurrency } }}</mat-hint>
          <mat-error>{{ 'rates.invalidRate' | t }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'rates.validFrom' | t }}</mat-label>
          <input
            matInput
            [matDatepicker]="validFromPicker"
            formControlName="validFrom"
            data-testid="rate-valid-from"
            [readonly]="!!data.rate"
          />
          <mat-datepicker-toggle matIconSuffix [for]="validFromPicker" [disabled]="!!data.rate" />
          <mat-datepicker #validFromPicker />
          <mat-hint>{{ 'rates.validFromHint' | t }}</mat-hint>
          <mat-error>{{ 'rates.invalidDate' | t }}</mat-error>
        </mat-form-field>
        @if (!data.rate && replaces()) {
          <p class="note wide" role="note" data-testid="rate-replaces">{{ 'rates.replaceNote' | t }}</p>
        }
        @if (save.errorText(); as text) {
          <p class="error wide" role="alert" data-testid="rate-error">{{ text }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button matButton="filled" type="submit" data-testid="rate-save" [disabled]="save.saving()">
          {{ (save.saving() ? 'common.saving' : 'common.save') | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 200px), 1fr));
      gap: 12px;
      /* Room for the floating label of the first field, which the scrolling content would clip. */
      padding-top: 10px;
    }
    .wide {
      grid-column: 1 / -1;
    }
    .note {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .error {
      margin: 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class RateDialog {
  protected readonly data = inject<RateDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(ExchangeRatesApi);
  private readonly i18n = inject(I18n);

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    currency: [this.data.rate?.currency ?? '', [Validators.required, currencyValidator(this.data.baseCurrency)]],
    rate: [
      this.data.rate?.rate ?? '',
      [Validators.required, (c: AbstractControl<string>) => (normaliseRate(c.value) ? null : { rate: true })],
    ],
    validFrom: this.fb.control<Date | null>(dayToDate(this.data.rate?.validFrom ?? today()), [Validators.required]),
  });
  private readonly value = toSignal(this.form.valueChanges.pipe(startWith(this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  private readonly options = computed(() => currencyOptions(this.i18n.language()));
  protected readonly currencyMatches = computed(() =>
    filterOptions(this.options(), this.value().currency ?? '', (option) => option.label),
  );
  protected readonly replaces = computed(() =>
    sameDayRate(this.data.rates, this.value().currency ?? '', dateToDay(this.value().validFrom)),
  );
  protected readonly save = new DialogSave<ExchangeRatesResponse>();

  protected submit(): void {
    if (this.form.invalid || this.save.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    const { currency, rate, validFrom } = this.form.getRawValue();
    this.save.run(
      this.api.put(this.data.companyId, [
        {
          currency: currency.trim().toUpperCase(),
          rate: normaliseRate(rate) as string,
          validFrom: dateToDay(validFrom),
        },
      ]),
    );
  }
}
