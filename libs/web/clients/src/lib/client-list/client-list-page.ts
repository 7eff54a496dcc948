import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { ClientResponse } from '@crm/shared/contracts';
import { CompanyContext, CompanyList } from '@crm/web/core';
import { ClientsApi } from '@crm/web/data-access';
import { I18n, LocalDatePipe, LocalDateTimePipe, RelativeTimePipe, TranslatePipe } from '@crm/web/i18n';
import { ListCard, ListEmpty, ListPageHeader, ListSort, openFormDialog } from '@crm/web/ui';
import { ClientFormDialog, type ClientFormDialogData } from '../dialogs/client-form-dialog';
import { ClientFilters } from './client-filters';
import { CLIENT_LIST_QUERY, clientApiParams, clientFilterParams, hasActiveFilters } from './client-list-state';

/** Clients (seed figure 9): search, filters, sort and paging live in the URL. */
@Component({
  selector: 'crm-client-list-page',
  imports: [
    ClientFilters,
    ListCard,
    ListEmpty,
    ListPageHeader,
    ListSort,
    LocalDatePipe,
    LocalDateTimePipe,
    MatSortModule,
    MatTableModule,
    RelativeTimePipe,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './client-list-page.html',
  styleUrl: './client-list-page.scss',
})
export class ClientListPage {
  private readonly api = inject(ClientsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18n);
  private readonly context = inject(CompanyContext);

  protected readonly columns = ['name', 'contacts', 'activity', 'lastInteractionAt', 'createdAt'];
  protected readonly list = new CompanyList({
    ...CLIENT_LIST_QUERY,
    filtered: hasActiveFilters,
    filters: clientFilterParams,
    query: clientApiParams,
    load: (companyId, query) => this.api.list(companyId, query),
  });

  protected resetFilters(): void {
    this.list.filter({ q: '', activity: '', hasPurchases: '', lastFrom: '', lastTo: '' });
  }

  protected open(client: ClientResponse): void {
    void this.router.navigate([client.id], { relativeTo: this.route });
  }

  protected create(): void {
    const companyId = this.context.activeId();
    if (!companyId) return;
    openFormDialog<ClientFormDialog, ClientFormDialogData, ClientResponse>(this.dialog, ClientFormDialog, {
      companyId,
      client: null,
    }).subscribe((created) => void this.router.navigate([created.id], { relativeTo: this.route }));
  }

  protected nameOf(client: ClientResponse): string {
    return client.name || client.email || client.externalId || this.i18n.t('clients.noName');
  }
}
