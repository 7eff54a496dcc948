import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { SaleListItemResponse, SaleResponse } from '@crm/shared/contracts';
import { CompanyContext, CompanyList } from '@crm/web/core';
import { CompaniesApi, SalesApi } from '@crm/web/data-access';
import { I18n, LocalDatePipe, LocalDateTimePipe, MoneyPipe, TranslatePipe } from '@crm/web/i18n';
import { SaleFormDialog, type SaleFormDialogData } from '@crm/web/sale-form';
import { ListCard, ListEmpty, ListPageHeader, ListSort, openFormDialog, SaleStatusChip } from '@crm/web/ui';
import { catchError, map, of } from 'rxjs';
import { SaleFilters } from './sale-filters';
import {
  EMPTY_SALE_LIST_STATE,
  hasSaleFilters,
  SALE_LIST_QUERY,
  saleApiParams,
  saleFilterParams,
} from './sale-list-state';

/** Sales (seed figure 11): filters, sort and paging live in the URL. */
@Component({
  selector: 'crm-sale-list-page',
  imports: [
    ListCard,
    ListEmpty,
    ListPageHeader,
    ListSort,
    LocalDatePipe,
    LocalDateTimePipe,
    MatSortModule,
    MatTableModule,
    MoneyPipe,
    RouterLink,
    SaleFilters,
    SaleStatusChip,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sale-list-page.html',
  styleUrl: './sale-list-page.scss',
})
export class SaleListPage {
  private readonly api = inject(SalesApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly context = inject(CompanyContext);
  private readonly dialog = inject(MatDialog);
  private readonly companies = inject(CompaniesApi);

  protected readonly columns = ['soldAt', 'externalId', 'client', 'status', 'amount'];
  protected readonly list = new CompanyList({
    ...SALE_LIST_QUERY,
    filtered: hasSaleFilters,
    filters: saleFilterParams,
    query: saleApiParams,
    load: (companyId, query) => this.api.list(companyId, query),
  });

  protected resetFilters(): void {
    const { sort, pageSize } = this.list.value();
    this.list.go({ ...EMPTY_SALE_LIST_STATE, sort, pageSize });
  }

  /** A new sale: the buyer is picked in the form; the currency starts as the company's base one. */
  protected create(): void {
    const companyId = this.context.activeId();
    if (!companyId) return;
    this.companies
      .get(companyId)
      .pipe(
        map((company) => company.baseCurrency),
        catchError(() => of(undefined)),
      )
      .subscribe((currency) =>
        openFormDialog<SaleFormDialog, SaleFormDialogData, SaleResponse>(
          this.dialog,
          SaleFormDialog,
          { companyId, clientId: null, sale: null, currency },
          '640px',
        ).subscribe((created) => void this.router.navigate([created.id], { relativeTo: this.route })),
      );
  }

  protected open(sale: SaleListItemResponse): void {
    void this.router.navigate([sale.id], { relativeTo: this.route });
  }

  protected buyer(sale: SaleListItemResponse): string {
    return sale.client.name || sale.client.email || sale.client.externalId || this.i18n.t('clients.noName');
  }
}
