import { ChangeDetectionStrategy, Component, computed, inject, input, output, type ResourceRef } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { SalePageResponse, SaleResponse } from '@crm/shared/contracts';
import { LocalDatePipe, MoneyPipe, TranslatePipe } from '@crm/web/i18n';
import { EmptyState, ErrorState, ListSkeleton, ReturnChip, SaleStatusChip } from '@crm/web/ui';

/** The client's purchase history, newest first; a row opens the sale. */
@Component({
  selector: 'crm-client-purchases',
  imports: [
    EmptyState,
    ErrorState,
    ListSkeleton,
    LocalDatePipe,
    MatButtonModule,
    MatTableModule,
    MoneyPipe,
    ReturnChip,
    RouterLink,
    SaleStatusChip,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (resource().isLoading() && !page()) {
      <crm-list-skeleton class="pad" [rows]="3" />
    } @else if (resource().error()) {
      <crm-error-state class="pad" (retry)="resource().reload()" />
    } @else if (page(); as p) {
      @if (p.items.length === 0) {
        <crm-empty-state
          icon="receipt"
          [title]="'clients.detail.noPurchases' | t"
          [text]="'clients.detail.noPurchasesText' | t"
        >
          <button matButton="filled" type="button" (click)="addSale.emit()">{{ 'clients.detail.addSale' | t }}</button>
        </crm-empty-state>
      } @else {
        <div class="scroll">
          <table mat-table [dataSource]="p.items">
            <ng-container matColumnDef="soldAt">
              <th mat-header-cell *matHeaderCellDef>{{ 'sales.columns.soldAt' | t }}</th>
              <td mat-cell *matCellDef="let sale" class="nowrap">{{ sale.soldAt | localDate }}</td>
            </ng-container>
            <ng-container matColumnDef="externalId">
              <th mat-header-cell *matHeaderCellDef>{{ 'sales.columns.externalId' | t }}</th>
              <td mat-cell *matCellDef="let sale" class="number">
                <a [routerLink]="['/sales', sale.id]">{{ sale.externalId || '–' }}</a>
                @if (sale.kind === 'return') {
                  <crm-return-chip />
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="items">
              <th mat-header-cell *matHeaderCellDef class="num">{{ 'sales.columns.items' | t }}</th>
              <td mat-cell *matCellDef="let sale" class="num">{{ sale.items.length }}</td>
            </ng-container>
            <ng-container matColumnDef="status">
              <th mat-header-cell *matHeaderCellDef>{{ 'sales.columns.status' | t }}</th>
              <td mat-cell *matCellDef="let sale"><crm-sale-status-chip [status]="sale.status" /></td>
            </ng-container>
            <ng-container matColumnDef="amount">
              <th mat-header-cell *matHeaderCellDef class="num">{{ 'sales.columns.amount' | t }}</th>
              <td mat-cell *matCellDef="let sale" class="num strong">
                {{ sale.kind === 'return' ? '−' : '' }}{{ sale.amount | money: sale.currency }}
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr
              mat-row
              *matRowDef="let sale; columns: columns"
              class="row"
              data-testid="purchase-row"
              (click)="open(sale)"
            ></tr>
          </table>
        </div>
        @if (p.total > p.items.length) {
          <p class="more">
            {{ 'clients.detail.morePurchases' | t: { shown: p.items.length, total: p.total } }}
            <a routerLink="/sales" [queryParams]="{ clientId: clientId() }">{{ 'clients.detail.allPurchases' | t }}</a>
          </p>
        }
      }
    }
  `,
  styles: `
    .pad {
      padding: 16px;
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
    }
    .row {
      cursor: pointer;
    }
    .row:hover {
      background: var(--mat-sys-surface-container-low);
    }
    .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .nowrap {
      white-space: nowrap;
    }
    .number crm-return-chip {
      margin-left: 6px;
    }
    .strong {
      color: var(--mat-sys-on-surface);
      font-weight: 500;
    }
    .more {
      margin: 0;
      padding: 12px 16px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class ClientPurchases {
  private readonly router = inject(Router);
  readonly clientId = input.required<string>();
  readonly resource = input.required<ResourceRef<SalePageResponse | undefined>>();
  readonly addSale = output<void>();

  protected readonly columns = ['soldAt', 'externalId', 'items', 'status', 'amount'];
  protected readonly page = computed(() => {
    const resource = this.resource();
    return resource.hasValue() ? (resource.value() ?? null) : null;
  });

  protected open(sale: SaleResponse): void {
    void this.router.navigate(['/sales', sale.id]);
  }
}
