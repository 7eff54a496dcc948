import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import type {
  ClientDeletionLossResponse,
  ClientResponse,
  DealResponse,
  InteractionResponse,
  SaleResponse,
} from '@crm/shared/contracts';
import { CompanyContext, companyKey, keyedResource, loadErrorText } from '@crm/web/core';
import {
  ClientDeals,
  DealFormDialog,
  type DealFormDialogData,
  InteractionDialog,
  type InteractionDialogData,
} from '@crm/web/deal-form';
import { ClientsApi, CompaniesApi } from '@crm/web/data-access';
import { formatMoney, I18n, LocalDatePipe, LocalDateTimePipe, RelativeTimePipe, TranslatePipe } from '@crm/web/i18n';
import { SaleFormDialog, type SaleFormDialogData } from '@crm/web/sale-form';
import { ErrorState, ListSkeleton, openConfirm, openFormDialog, Toasts } from '@crm/web/ui';
import { catchError, of } from 'rxjs';
import { ClientFormDialog, type ClientFormDialogData } from '../dialogs/client-form-dialog';
import { deleteClientFlow } from './client-delete';
import { ClientNotes } from './client-notes';
import { ClientPurchases } from './client-purchases';
import { ClientTimeline } from './client-timeline';
import { ClientRecommendations } from './client-recommendations';
import { OutlookCard } from './outlook-card';

/** Client (seed figure 10): contacts, outlook, purchases, interactions and notes. */
@Component({
  selector: 'crm-client-detail-page',
  imports: [
    ClientDeals,
    ClientNotes,
    ClientPurchases,
    ClientTimeline,
    ErrorState,
    ListSkeleton,
    LocalDatePipe,
    LocalDateTimePipe,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatTabsModule,
    ClientRecommendations,
    OutlookCard,
    RelativeTimePipe,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './client-detail-page.html',
  styleUrl: './client-detail-page.scss',
})
export class ClientDetailPage {
  private readonly api = inject(ClientsApi);
  private readonly companies = inject(CompaniesApi);
  private readonly context = inject(CompanyContext);
  private readonly dialog = inject(MatDialog);
  private readonly toasts = inject(Toasts);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);

  /** From the route (`:clientId`). */
  readonly clientId = input.required<string>();

  private readonly key = companyKey(() => ({ clientId: this.clientId() }));
  protected readonly client = keyedResource(this.key, (key) => this.api.get(key.companyId, key.clientId));
  protected readonly sales = keyedResource(this.key, (key) => this.api.sales(key.companyId, key.clientId));
  protected readonly interactions = keyedResource(this.key, (key) =>
    this.api.interactions(key.companyId, key.clientId),
  );
  protected readonly notes = keyedResource(this.key, (key) => this.api.notes(key.companyId, key.clientId));
  /** Hidden when the server has no outlook (404) or it fails: the rest of the page does not depend on it. */
  protected readonly outlook = keyedResource(this.key, (key) =>
    this.api.outlook(key.companyId, key.clientId).pipe(catchError(() => of(null))),
  );
  private readonly company = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params }) => this.companies.get(params),
  });

  protected readonly current = computed(() => (this.client.hasValue() ? this.client.value() : null));
  protected readonly companyId = computed(() => this.context.activeId() ?? '');
  /** Bumped after a deal is created here, so the deals tab reloads. */
  protected readonly dealsVersion = signal(0);
  protected readonly loadError = loadErrorText(this.client, 'clients.detail.notFound');
  protected readonly attributes = computed(() =>
    Object.entries(this.current()?.attributes ?? {}).map(([name, value]) => ({
      name,
      value: typeof value === 'string' ? value : JSON.stringify(value),
    })),
  );

  protected title(client: ClientResponse): string {
    return client.name || client.email || client.externalId || this.i18n.t('clients.noName');
  }

  protected edit(client: ClientResponse): void {
    openFormDialog<ClientFormDialog, ClientFormDialogData, ClientResponse>(this.dialog, ClientFormDialog, {
      companyId: this.key()?.companyId ?? '',
      client,
    }).subscribe((saved) => this.client.set(saved));
  }

  protected addSale(): void {
    const key = this.key();
    if (!key) return;
    const currency = this.company.hasValue() ? this.company.value().baseCurrency : undefined;
    openFormDialog<SaleFormDialog, SaleFormDialogData, SaleResponse>(this.dialog, SaleFormDialog, {
      companyId: key.companyId,
      clientId: key.clientId,
      sale: null,
      currency,
    }).subscribe(() => {
      this.sales.reload();
      this.client.reload();
      this.outlook.reload();
    });
  }

  /** «+ Сделка»: a deal with this client, in the company's base currency; the deals tab lists it. */
  protected addDeal(): void {
    const key = this.key();
    if (!key) return;
    const currency = this.company.hasValue() ? this.company.value().baseCurrency : undefined;
    openFormDialog<DealFormDialog, DealFormDialogData, DealResponse>(
      this.dialog,
      DealFormDialog,
      { companyId: key.companyId, clientId: key.clientId, deal: null, currency },
      '640px',
    ).subscribe(() => this.dealsVersion.update((version) => version + 1));
  }

  protected addInteraction(): void {
    const key = this.key();
    if (!key) return;
    openFormDialog<InteractionDialog, InteractionDialogData, InteractionResponse>(
      this.dialog,
      InteractionDialog,
      key,
    ).subscribe(() => {
      this.toasts.said(this.i18n.t('clients.interaction.added'));
      this.interactions.reload();
      this.client.reload();
    });
  }

  protected noteAdded(): void {
    this.notes.reload();
  }

  protected remove(client: ClientResponse): void {
    const key = this.key();
    if (!key) return;
    const lang = this.i18n.language();
    deleteClientFlow({
      question: {
        title: this.i18n.t('clients.delete.title', { name: this.title(client) }),
        text: this.i18n.t('clients.delete.text'),
        confirm: this.i18n.t('clients.delete.confirm'),
        destructive: true,
      },
      lossQuestion: (loss: ClientDeletionLossResponse) => ({
        title: this.i18n.t('clients.delete.lossTitle'),
        text: this.i18n.t('clients.delete.lossText', {
          sales: loss.sales,
          revenue: loss.revenue.map((money) => formatMoney(money.amount, money.currency, lang)).join(' + ') || '–',
          interactions: loss.interactions,
          notes: loss.notes,
        }),
        confirm: this.i18n.t('clients.delete.lossConfirm'),
        destructive: true,
      }),
      ask: (data) => openConfirm(this.dialog, data),
      remove: (confirm) => this.api.remove(key.companyId, key.clientId, confirm),
    }).subscribe({
      next: (deleted) => {
        if (!deleted) return;
        this.toasts.said(this.i18n.t('clients.delete.done'), 4000);
        void this.router.navigate(['/clients']);
      },
      error: (error: unknown) => this.toasts.failed(error),
    });
  }
}
