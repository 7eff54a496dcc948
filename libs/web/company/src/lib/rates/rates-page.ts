import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import type { ExchangeRateResponse, ExchangeRatesResponse } from '@crm/shared/contracts';
import { CompanyContext, describeError } from '@crm/web/core';
import { ExchangeRatesApi } from '@crm/web/data-access';
import { formatDate, formatNumber, I18n, LocalDatePipe, TranslatePipe } from '@crm/web/i18n';
import { EmptyState, ErrorState, IconAction, ListSkeleton, openFormDialog, PageHeader } from '@crm/web/ui';
import { RateDialog, type RateDialogData } from './rate-dialog';
import { sortRates } from './rate-form';

/**
 * The company's exchange rates: what analytics converts other currencies with. Every member reads
 * them; owners and admins add and change them (`PUT .../exchange-rates` adds or replaces by
 * currency and day).
 */
@Component({
  selector: 'crm-rates-page',
  imports: [
    EmptyState,
    ErrorState,
    IconAction,
    ListSkeleton,
    LocalDatePipe,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    PageHeader,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rates-page.html',
  styleUrl: './rates-page.scss',
})
export class RatesPage {
  private readonly api = inject(ExchangeRatesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  protected readonly context = inject(CompanyContext);

  protected readonly rates = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params: companyId }) => this.api.list(companyId),
  });
  protected readonly base = computed(() => (this.rates.hasValue() ? this.rates.value().baseCurrency : null));
  protected readonly items = computed(() => (this.rates.hasValue() ? sortRates(this.rates.value().rates) : []));
  protected readonly loadError = computed(() =>
    this.rates.error() ? describeError(this.rates.error(), this.i18n) : null,
  );

  /** `92,5012` / `92.5012`: every digit the rate has, grouped by locale. */
  protected rateText(rate: ExchangeRateResponse): string {
    const digits = rate.rate.split('.')[1]?.length ?? 0;
    return formatNumber(rate.rate, this.i18n.language(), {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  }

  protected add(): void {
    this.open(null);
  }

  protected edit(rate: ExchangeRateResponse): void {
    this.open(rate);
  }

  protected editLabel(rate: ExchangeRateResponse): string {
    return this.i18n.t('rates.editOf', {
      currency: rate.currency,
      date: formatDate(rate.validFrom, this.i18n.language(), 'UTC'),
    });
  }

  private open(rate: ExchangeRateResponse | null): void {
    const companyId = this.context.activeId();
    const base = this.base();
    if (!companyId || !base) return;
    const data: RateDialogData = { companyId, baseCurrency: base, rates: this.rates.value()?.rates ?? [], rate };
    openFormDialog<RateDialog, RateDialogData, ExchangeRatesResponse>(this.dialog, RateDialog, data, '520px', {
      autoFocus: rate ? '[data-testid="rate-value"]' : '[data-testid="rate-currency"]',
    }).subscribe((saved) => {
      this.rates.set(saved);
      const latest = this.dialogResult(saved, rate);
      if (latest) {
        this.snackBar.open(
          this.i18n.t('rates.saved', {
            currency: latest.currency,
            date: formatDate(latest.validFrom, this.i18n.language(), 'UTC'),
          }),
          undefined,
          { duration: 4000 },
        );
      }
    });
  }

  /** The rate the dialog saved: the edited one, else the newest of the answer. */
  private dialogResult(saved: ExchangeRatesResponse, edited: ExchangeRateResponse | null): ExchangeRateResponse | null {
    if (edited)
      return saved.rates.find((r) => r.currency === edited.currency && r.validFrom === edited.validFrom) ?? null;
    return saved.rates.length ? saved.rates[saved.rates.length - 1] : null;
  }
}
