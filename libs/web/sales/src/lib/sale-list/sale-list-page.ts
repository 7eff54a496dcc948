import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatDialog } from '@angular/material/dialog';
import type { PageEvent } from '@angular/material/paginator';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { SaleListItemResponse, SaleResponse } from '@crm/shared/contracts';
import { CompanyContext } from '@crm/web/core';
import { CompaniesApi, SalesApi } from '@crm/web/data-access';
import { I18n, LocalDatePipe, LocalDateTimePipe, MoneyPipe, TranslatePipe } from '@crm/web/i18n';
import { SaleFormDialog, type SaleFormDialogData } from '@crm/web/sale-form';
import { ListCard, ListEmpty, ListPageHeader, SaleStatusChip } from '@crm/web/ui';
import { catchError, map, of } from 'rxjs';
import { SaleFilters } from './sale-filters';
import {
  DEFAULT_SALE_SORT,
  EMPTY_SALE_LIST_STATE,
  hasSaleFilters,
  SALE_PAGE_SIZES,
  saleApiParams,
  saleFilterParams,
  type SaleListState,
  saleStateFromParams,
  saleStateToParams,
  withSaleFilters,
} from './sale-list-state';

/** Sales (seed figure 11): filters, sort and paging live in the URL. */
@Component({
  selector: 'crm-sale-list-page',
  imports: [
    ListCard,
    ListEmpty,
    ListPageHeader,
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
  protected readonly pageSizes = SALE_PAGE_SIZES;
  protected readonly state = toSignal(this.route.queryParams.pipe(map(saleStateFromParams)), {
    initialValue: saleStateFromParams(this.route.snapshot.queryParams),
  });
  protected readonly matSort = computed(() => {
    const sort = this.state().sort;
    return sort.startsWith('-')
      ? { active: sort.slice(1), direction: 'desc' as const }
      : { active: sort, direction: 'asc' as const };
  });
  protected readonly filtered = computed(() => hasSaleFilters(this.state()));
  protected readonly exportFilters = computed(() => saleFilterParams(this.state()));

  protected readonly sales = rxResource({
    params: () => {
      const companyId = this.context.activeId();
      return companyId ? { companyId, query: saleApiParams(this.state()) } : undefined;
    },
    stream: ({ params }) => this.api.list(params.companyId, params.query),
  });
  protected readonly page = computed(() => (this.sales.hasValue() ? this.sales.value() : null));

  protected setFilters(change: Partial<SaleListState>): void {
    this.navigate(withSaleFilters(this.state(), change));
  }

  protected resetFilters(): void {
    const { sort, pageSize } = this.state();
    this.navigate({ ...EMPTY_SALE_LIST_STATE, sort, pageSize });
  }

  protected onSort(sort: Sort): void {
    const value = !sort.direction ? DEFAULT_SALE_SORT : sort.direction === 'desc' ? `-${sort.active}` : sort.active;
    this.navigate(withSaleFilters(this.state(), { sort: value }));
  }

  protected onPage(event: PageEvent): void {
    this.navigate({ ...this.state(), page: event.pageIndex + 1, pageSize: event.pageSize });
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
        this.dialog
          .open<SaleFormDialog, SaleFormDialogData, SaleResponse>(SaleFormDialog, {
            data: { companyId, clientId: null, sale: null, currency },
            width: '640px',
            maxWidth: '94vw',
          })
          .afterClosed()
          .subscribe((created) => {
            if (created) void this.router.navigate([created.id], { relativeTo: this.route });
          }),
      );
  }

  protected open(sale: SaleListItemResponse): void {
    void this.router.navigate([sale.id], { relativeTo: this.route });
  }

  protected buyer(sale: SaleListItemResponse): string {
    return sale.client.name || sale.client.email || sale.client.externalId || this.i18n.t('clients.noName');
  }

  private navigate(state: SaleListState): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: saleStateToParams(state),
      queryParamsHandling: 'merge',
    });
  }
}
