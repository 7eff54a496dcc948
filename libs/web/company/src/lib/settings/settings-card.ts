import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { CompanyResponse, UpdateCompanyDto } from '@crm/shared/contracts';
import { COMPANY_NAME_MAX_LENGTH, CompanyContext, describeError, valueOr } from '@crm/web/core';
import { CompaniesApi } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { ErrorState, ListSkeleton, Toasts } from '@crm/web/ui';
import { finalize, startWith } from 'rxjs';
import { CURRENCIES, currencyOptions, filterOptions, TIME_ZONES } from './reference-lists';

const oneOf =
  (allowed: readonly string[], errorKey: string) =>
  (control: AbstractControl<string>): ValidationErrors | null =>
    !control.value || allowed.includes(control.value) ? null : { [errorKey]: true };

/** Name, base currency and time zone; editable by owners and admins, read-only for members. */
@Component({
  selector: 'crm-settings-card',
  imports: [
    ErrorState,
    ListSkeleton,
    MatAutocompleteModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './settings-card.html',
  styleUrl: './settings-card.scss',
})
export class SettingsCard {
  private readonly api = inject(CompaniesApi);
  private readonly toasts = inject(Toasts);
  private readonly i18n = inject(I18n);
  protected readonly context = inject(CompanyContext);

  protected readonly company = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params: companyId }) => this.api.get(companyId),
  });
  protected readonly loadError = computed(() =>
    this.company.error() ? describeError(this.company.error(), this.i18n) : null,
  );

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(COMPANY_NAME_MAX_LENGTH)]],
    baseCurrency: ['', [Validators.required, oneOf(CURRENCIES, 'currency')]],
    timeZone: ['', [oneOf(TIME_ZONES, 'timeZone')]],
  });
  protected readonly saving = signal(false);

  private readonly currencyQuery = toSignal(this.form.controls.baseCurrency.valueChanges.pipe(startWith('')), {
    initialValue: '',
  });
  private readonly zoneQuery = toSignal(this.form.controls.timeZone.valueChanges.pipe(startWith('')), {
    initialValue: '',
  });
  private readonly allCurrencies = computed(() => currencyOptions(this.i18n.language()));
  protected readonly currencyMatches = computed(() =>
    filterOptions(this.allCurrencies(), this.currencyQuery(), (option) => option.label),
  );
  protected readonly zoneMatches = computed(() => filterOptions(TIME_ZONES, this.zoneQuery(), (zone) => zone));
  protected readonly currencyName = computed(() => {
    const code = valueOr(this.company, undefined)?.baseCurrency;
    return this.allCurrencies().find((option) => option.code === code)?.label ?? code ?? '';
  });

  constructor() {
    // Fill the form from the server, unless the user is in the middle of editing.
    effect(() => {
      const company = valueOr(this.company, undefined);
      if (company && !this.form.dirty) this.fill(company);
    });
  }

  protected save(): void {
    const company = valueOr(this.company, undefined);
    const companyId = this.context.activeId();
    if (!company || !companyId || this.form.invalid || this.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const patch: UpdateCompanyDto = {};
    if (value.name.trim() !== company.name) patch.name = value.name.trim();
    if (value.baseCurrency !== company.baseCurrency) patch.baseCurrency = value.baseCurrency;
    // The time zone is required by the API (null answers 400): an emptied field keeps the old one.
    if (value.timeZone && value.timeZone !== company.timeZone) patch.timeZone = value.timeZone;
    this.saving.set(true);
    this.api
      .update(companyId, patch)
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (updated) => {
          this.company.set(updated);
          this.fill(updated);
          this.context.renameLocally(updated.id, updated.name);
          this.toasts.said(this.i18n.t('company.settings.saved'), 4000);
        },
        error: (error: unknown) => this.toasts.failed(error, 8000),
      });
  }

  protected reset(): void {
    const company = valueOr(this.company, undefined);
    if (company) this.fill(company);
  }

  private fill(company: CompanyResponse): void {
    this.form.reset({ name: company.name, baseCurrency: company.baseCurrency, timeZone: company.timeZone ?? '' });
  }
}
