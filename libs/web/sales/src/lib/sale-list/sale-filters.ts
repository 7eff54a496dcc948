import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { SaleStatus } from '@crm/shared/contracts';
import { decimalInput, I18n, TranslatePipe } from '@crm/web/i18n';
import { DayFilter, saleStatusKey, SearchFilter } from '@crm/web/ui';
import { hasSaleFilters, lastDays, normaliseAmountFilter, type SaleListState } from './sale-list-state';

const STATUSES: SaleStatus[] = ['paid', 'pending', 'cancelled', 'refunded'];

/** Search, period (with presets), status, currency and amount range. */
@Component({
  selector: 'crm-sale-filters',
  imports: [
    DayFilter,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    SearchFilter,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="filters" role="search" (submit)="$event.preventDefault()">
      <crm-search-filter
        class="search"
        [delay]="0"
        [label]="'sales.search' | t"
        [placeholder]="'sales.searchHint' | t"
        [value]="state().q"
        (searchChange)="later({ q: $event })"
      />
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'sales.status' | t }}</mat-label>
        <mat-select
          [value]="state().status"
          data-testid="status-filter"
          (valueChange)="changed.emit({ status: $event })"
        >
          <mat-option value="">{{ 'sales.any' | t }}</mat-option>
          @for (status of statuses; track status) {
            <mat-option [value]="status">{{ statusKey(status) | t }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'sales.currency' | t }}</mat-label>
        <input
          matInput
          maxlength="3"
          data-testid="currency-filter"
          [value]="state().currency"
          (input)="currency($any($event.target).value)"
        />
      </mat-form-field>
      <crm-day-filter
        testId="from-filter"
        [label]="'sales.from' | t"
        [day]="state().from"
        (dayChange)="changed.emit({ from: $event })"
      />
      <crm-day-filter
        testId="to-filter"
        [label]="'sales.to' | t"
        [day]="state().to"
        (dayChange)="changed.emit({ to: $event })"
      />
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'sales.amountMin' | t }}</mat-label>
        <input
          matInput
          inputmode="decimal"
          data-testid="amountMin-filter"
          [value]="shown(state().amountMin)"
          (input)="amount('amountMin', $any($event.target).value)"
        />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'sales.amountMax' | t }}</mat-label>
        <input
          matInput
          inputmode="decimal"
          data-testid="amountMax-filter"
          [value]="shown(state().amountMax)"
          (input)="amount('amountMax', $any($event.target).value)"
        />
      </mat-form-field>
      <div class="presets">
        @for (days of presets; track days) {
          <button matButton type="button" (click)="changed.emit(period(days))">
            {{ 'sales.days' | t: { count: days } }}
          </button>
        }
        @if (active()) {
          <button matButton type="button" (click)="cleared.emit()">
            <mat-icon svgIcon="close" />
            {{ 'sales.resetFilters' | t }}
          </button>
        }
      </div>
    </form>
  `,
  styles: `
    .filters {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 160px), 1fr));
      gap: 12px;
      align-items: center;
      margin-bottom: 12px;
    }
    .search {
      grid-column: span 2;
    }
    .presets {
      grid-column: 1 / -1;
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    @media (max-width: 520px) {
      .search {
        grid-column: 1 / -1;
      }
    }
  `,
})
export class SaleFilters {
  readonly state = input.required<SaleListState>();
  readonly changed = output<Partial<SaleListState>>();
  readonly cleared = output<void>();

  protected readonly statuses = STATUSES;
  protected readonly presets = [7, 30, 90, 365];
  private readonly i18n = inject(I18n);
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Typed changes not applied yet: they apply together once typing pauses. */
  private pending: Partial<SaleListState> = {};

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  protected active(): boolean {
    return hasSaleFilters(this.state());
  }

  protected readonly statusKey = saleStatusKey;

  protected period(days: number): Partial<SaleListState> {
    return lastDays(days);
  }

  /** An amount of the URL (`70.9`) as the language writes it (`70,9` in Russian). */
  protected shown(amount: string): string {
    return decimalInput(amount, this.i18n.language());
  }

  /** Applies `change` once typing pauses (300 ms), without waiting for the field to lose focus. */
  protected later(change: Partial<SaleListState>): void {
    this.pending = { ...this.pending, ...change };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const ready = this.pending;
      this.pending = {};
      this.changed.emit(ready);
    }, 300);
  }

  /** A code applies once it has three letters; an emptied field clears the filter. */
  protected currency(value: string): void {
    const code = value.trim().toUpperCase();
    if (code === '' || /^[A-Z]{3}$/.test(code)) this.later({ currency: code });
  }

  /** A number applies as typed; an emptied field clears the bound, half-typed text waits. */
  protected amount(field: 'amountMin' | 'amountMax', value: string): void {
    const amount = normaliseAmountFilter(value);
    if (amount !== '' || value.trim() === '') this.later({ [field]: amount });
  }
}
