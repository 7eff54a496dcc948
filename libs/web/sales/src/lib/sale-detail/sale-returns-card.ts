import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { SaleDetailResponse } from '@crm/shared/contracts';
import { LocalDatePipe, MoneyPipe, TranslatePipe } from '@crm/web/i18n';
import { SaleStatusChip } from '@crm/web/ui';
import { unreturned } from '../dialogs/return-form';

/**
 * Returns on the sale page: for a sale, its returns (each opens), what was returned and what is
 * left, and the way to register a return; for a return, the sale it gives back.
 */
@Component({
  selector: 'crm-sale-returns-card',
  imports: [
    LocalDatePipe,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MoneyPipe,
    RouterLink,
    SaleStatusChip,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = sale();
    <mat-card appearance="outlined" class="card" data-testid="returns-card">
      @if (s.kind === 'return') {
        <h2 class="card-title">{{ 'returns.ofSale' | t }}</h2>
        @if (s.original; as o) {
          <p class="row">
            <span>{{ o.externalId || '–' }} · {{ o.soldAt | localDate }}</span>
            <span class="num">{{ o.amount | money: o.currency }}</span>
          </p>
          <a matButton="tonal" [routerLink]="['/sales', o.id]" data-testid="open-original">
            <mat-icon svgIcon="receipt" />{{ 'returns.openSale' | t }}
          </a>
        }
      } @else {
        <h2 class="card-title">{{ 'returns.listTitle' | t }}</h2>
        @if (s.returns.length === 0) {
          <p class="muted">{{ 'returns.none' | t }}</p>
        } @else {
          <ul class="list">
            @for (r of s.returns; track r.id) {
              <li>
                <a class="row" [routerLink]="['/sales', r.id]" data-testid="return-row">
                  <span class="when">{{ r.externalId ? r.externalId + ' · ' : '' }}{{ r.soldAt | localDate }}</span>
                  <crm-sale-status-chip [status]="r.status" />
                  <span class="num">−{{ r.amount | money: r.currency }}</span>
                </a>
              </li>
            }
          </ul>
          <dl class="totals">
            <div>
              <dt>{{ 'returns.returned' | t }}</dt>
              <dd class="num">{{ returned() | money: s.currency }}</dd>
            </div>
            <div>
              <dt>{{ 'returns.left' | t }}</dt>
              <dd class="num">{{ left() | money: s.currency }}</dd>
            </div>
          </dl>
        }
        @if (canReturn()) {
          <button matButton="tonal" type="button" data-testid="register-return" (click)="register.emit()">
            <mat-icon svgIcon="undo" />{{ 'returns.register' | t }}
          </button>
        } @else if (s.status === 'paid' || s.status === 'pending') {
          <p class="muted">{{ 'returns.form.nothingLeft' | t }}</p>
        }
      }
    </mat-card>
  `,
  styles: `
    .card {
      padding: 16px;
      display: grid;
      gap: 8px;
    }
    .card-title {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 2px;
    }
    .row {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0;
      padding: 6px 4px;
      border-radius: 8px;
      color: inherit;
      text-decoration: none;
    }
    a.row:hover,
    a.row:focus-visible {
      background: var(--mat-sys-surface-container-low);
    }
    .when {
      overflow-wrap: anywhere;
    }
    .num {
      margin-left: auto;
      text-align: right;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .totals {
      margin: 0;
      display: grid;
      gap: 4px;
      div {
        display: flex;
        justify-content: space-between;
      }
      dt {
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0;
      }
    }
    .muted {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SaleReturnsCard {
  readonly sale = input.required<SaleDetailResponse>();
  readonly register = output<void>();

  private readonly unreturned = computed(() => unreturned(this.sale()));
  protected readonly left = computed(() => this.unreturned().amount);
  protected readonly returned = computed(() => this.unreturned().returned);
  protected readonly canReturn = computed(() => {
    const s = this.sale();
    return (s.status === 'paid' || s.status === 'pending') && Number(this.left()) > 0;
  });
}
