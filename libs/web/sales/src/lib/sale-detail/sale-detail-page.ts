import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { SaleDetailResponse, SaleItemResponse, SaleResponse } from '@crm/shared/contracts';
import { CompanyContext, companyKey, keyedResource, loadErrorText } from '@crm/web/core';
import { SalesApi } from '@crm/web/data-access';
import {
  formatDate,
  formatMoney,
  I18n,
  LocalDatePipe,
  LocalDateTimePipe,
  LocalNumberPipe,
  MoneyPipe,
  PricePipe,
  TranslatePipe,
} from '@crm/web/i18n';
import { SaleFormDialog, type SaleFormDialogData } from '@crm/web/sale-form';
import { ErrorState, ListSkeleton, openConfirm, openFormDialog, ReturnChip, SaleStatusChip, Toasts } from '@crm/web/ui';
import { filter, switchMap } from 'rxjs';
import { ReturnFormDialog, type ReturnFormDialogData } from '../dialogs/return-form-dialog';
import { SaleReturnsCard } from './sale-returns-card';

/** Exact decimal product of quantity × unit price in minor units (no float drift on money). */
export function lineTotal(item: SaleItemResponse): string {
  const [whole = '0', fraction = ''] = item.unitPrice.split('.');
  const digits = fraction.length;
  const cents = BigInt(whole + fraction);
  const [qWhole = '0', qFraction = ''] = String(item.quantity).split('.');
  const qScale = 10n ** BigInt(qFraction.length);
  const product = cents * BigInt(qWhole + qFraction);
  // Round half up from (digits + qFraction.length) decimals to `digits`.
  const rounded = (product * 2n + qScale) / (2n * qScale);
  const text = rounded.toString().padStart(digits + 1, '0');
  return digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
}

/** Sale (seed figure 12): buyer card, items, amount, currency, date, status; edit and delete. */
@Component({
  selector: 'crm-sale-detail-page',
  imports: [
    ErrorState,
    ListSkeleton,
    LocalDatePipe,
    LocalDateTimePipe,
    LocalNumberPipe,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatTableModule,
    MoneyPipe,
    PricePipe,
    ReturnChip,
    RouterLink,
    SaleReturnsCard,
    SaleStatusChip,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sale-detail-page.html',
  styleUrl: './sale-detail-page.scss',
})
export class SaleDetailPage {
  private readonly api = inject(SalesApi);
  private readonly context = inject(CompanyContext);
  private readonly dialog = inject(MatDialog);
  private readonly toasts = inject(Toasts);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);

  readonly saleId = input.required<string>();

  protected readonly sale = keyedResource(
    companyKey(() => ({ saleId: this.saleId() })),
    (key) => this.api.get(key.companyId, key.saleId),
  );
  protected readonly current = computed(() => (this.sale.hasValue() ? this.sale.value() : null));
  protected readonly loadError = loadErrorText(this.sale, 'sales.detail.notFound');
  protected readonly columns = ['sku', 'name', 'quantity', 'unitPrice', 'lineTotal'];
  protected readonly lineTotal = lineTotal;

  protected title(sale: SaleDetailResponse): string {
    const isReturn = sale.kind === 'return';
    return sale.externalId
      ? this.i18n.t(isReturn ? 'returns.title' : 'sales.detail.title', { name: sale.externalId })
      : this.i18n.t(isReturn ? 'returns.untitled' : 'sales.detail.untitled', {
          date: formatDate(sale.soldAt, this.i18n.language()),
        });
  }

  /** Registers a return of this sale; the page shows it under the sale once saved. */
  protected registerReturn(sale: SaleDetailResponse): void {
    const companyId = this.context.activeId();
    if (!companyId) return;
    openFormDialog<ReturnFormDialog, ReturnFormDialogData, SaleResponse>(this.dialog, ReturnFormDialog, {
      companyId,
      sale,
    }).subscribe(() => this.sale.reload());
  }

  protected buyer(sale: SaleDetailResponse): string {
    return sale.client.name || sale.client.email || sale.client.externalId || this.i18n.t('clients.noName');
  }

  protected edit(sale: SaleDetailResponse): void {
    const companyId = this.context.activeId();
    if (!companyId) return;
    openFormDialog<SaleFormDialog, SaleFormDialogData, SaleResponse>(this.dialog, SaleFormDialog, {
      companyId,
      clientId: sale.clientId,
      sale,
    }).subscribe(() => this.sale.reload());
  }

  protected remove(sale: SaleDetailResponse): void {
    const companyId = this.context.activeId();
    if (!companyId) return;
    openConfirm(this.dialog, {
      title: this.i18n.t('sales.delete.title'),
      text: this.i18n.t('sales.delete.text', {
        name: sale.externalId ?? '',
        amount: formatMoney(sale.amount, sale.currency, this.i18n.language()),
      }),
      confirm: this.i18n.t('sales.delete.confirm'),
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.remove(companyId, sale.id)),
      )
      .subscribe({
        next: () => {
          this.toasts.said(this.i18n.t('sales.delete.done'), 4000);
          void this.router.navigate(['/sales']);
        },
        error: (error: unknown) => this.toasts.failed(error),
      });
  }
}
