import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { DealResponse } from '@crm/shared/contracts';
import { type UrlListState, valueOr } from '@crm/web/core';
import { DealStatusChip } from '@crm/web/deal-form';
import { DealsApi } from '@crm/web/data-access';
import { LocalDatePipe, MoneyPipe, TranslatePipe } from '@crm/web/i18n';
import { EmptyState, ListCard, ListSort } from '@crm/web/ui';
import { dealListParams, type DealsViewState } from '../board/deals-view-state';

/** The same deals as the board, as a sortable, paged table. */
@Component({
  selector: 'crm-deal-list',
  imports: [
    DealStatusChip,
    EmptyState,
    ListCard,
    ListSort,
    LocalDatePipe,
    MatSortModule,
    MatTableModule,
    MoneyPipe,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-list-card
      [source]="deals"
      [totalText]="'deals.total' | t: { count: page()?.total ?? 0 }"
      totalTestId="deals-total"
      [paging]="list()"
    >
      <ng-container ngProjectAs="[listEmpty]">
        <crm-empty-state icon="view-week" [title]="'deals.emptyTitle' | t" [text]="'deals.emptyText' | t" />
      </ng-container>
      <table mat-table [dataSource]="page()?.items ?? []" [crmListSort]="list()">
        <ng-container matColumnDef="title">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>{{ 'deals.columns.title' | t }}</th>
          <td mat-cell *matCellDef="let deal">
            <a class="link" [routerLink]="['/deals', deal.id]">{{ deal.title }}</a>
            <span class="sub">{{ deal.clientName || '–' }}</span>
          </td>
        </ng-container>
        <ng-container matColumnDef="stage">
          <th mat-header-cell *matHeaderCellDef>{{ 'deals.columns.stage' | t }}</th>
          <td mat-cell *matCellDef="let deal">
            <span class="line">{{ deal.stageName }}</span>
            @if (deal.status !== 'open') {
              <crm-deal-status-chip [status]="deal.status" />
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="owner">
          <th mat-header-cell *matHeaderCellDef class="secondary">{{ 'deals.columns.owner' | t }}</th>
          <td mat-cell *matCellDef="let deal" class="secondary">{{ deal.ownerName || '–' }}</td>
        </ng-container>
        <ng-container matColumnDef="expectedCloseDate">
          <th mat-header-cell *matHeaderCellDef mat-sort-header class="secondary">
            {{ 'deals.columns.expectedCloseDate' | t }}
          </th>
          <td mat-cell *matCellDef="let deal" class="secondary nowrap">
            {{ deal.expectedCloseDate ? (deal.expectedCloseDate | localDate) : '–' }}
          </td>
        </ng-container>
        <ng-container matColumnDef="amount">
          <th mat-header-cell *matHeaderCellDef mat-sort-header arrowPosition="before" class="num">
            {{ 'deals.columns.amount' | t }}
          </th>
          <td mat-cell *matCellDef="let deal" class="num strong">{{ deal.amount | money: deal.currency }}</td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr
          mat-row
          *matRowDef="let deal; columns: columns"
          class="row"
          data-testid="deal-row"
          (click)="open(deal)"
        ></tr>
      </table>
    </crm-list-card>
  `,
  styles: `
    @use 'list-cells';

    @include list-cells.cells;
    .link {
      font-weight: 500;
    }
  `,
})
export class DealList {
  private readonly api = inject(DealsApi);
  private readonly router = inject(Router);

  readonly companyId = input.required<string>();
  readonly pipelineId = input.required<string>();
  readonly ownerId = input('');
  /** The deals page's state in the URL: the sort and page of this list are kept there too. */
  readonly list = input.required<UrlListState<DealsViewState>>();

  protected readonly columns = ['title', 'stage', 'owner', 'expectedCloseDate', 'amount'];
  protected readonly deals = rxResource({
    params: () => ({
      companyId: this.companyId(),
      query: dealListParams(this.list().value(), this.pipelineId(), this.ownerId()),
    }),
    stream: ({ params }) => this.api.list(params.companyId, params.query),
  });
  protected readonly page = computed(() => valueOr(this.deals, null));

  protected open(deal: DealResponse): void {
    void this.router.navigate(['/deals', deal.id]);
  }
}
