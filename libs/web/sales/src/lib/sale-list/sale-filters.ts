import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { SaleStatus } from '@crm/shared/contracts';
import { TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import { hasSaleFilters, lastDays, normaliseAmountFilter, type SaleListState } from './sale-list-state';

const STATUSES: SaleStatus[] = ['paid', 'pending', 'cancelled', 'refunded'];

/** Search, period (with presets), status, currency and amount range. */
@Component({
  selector: 'crm-sale-filters',
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="filters" role="search" (submit)="$event.preventDefault()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="search">
        <mat-label>{{ 'sales.search' | t }}</mat-label>
        <mat-icon matPrefix svgIcon="search" />
        <input
          matInput
          type="search"
          [value]="state().q"
          [placeholder]="'sales.searchHint' | t"
          (input)="search($any($event.target).value)"
        />
      </mat-form-field>
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
        <input matInput maxlength="3" [value]="state().currency" (change)="currency($any($event.target).value)" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'sales.from' | t }}</mat-label>
        <input
          matInput
          type="date"
          [value]="state().from"
          (change)="changed.emit({ from: $any($event.target).value })"
        />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'sales.to' | t }}</mat-label>
        <input matInput type="date" [value]="state().to" (change)="changed.emit({ to: $any($event.target).value })" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'sales.amountMin' | t }}</mat-label>
        <input
          matInput
          inputmode="decimal"
          [value]="state().amountMin"
          (change)="amount('amountMin', $any($event.target).value)"
        />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'sales.amountMax' | t }}</mat-label>
        <input
          matInput
          inputmode="decimal"
          [value]="state().amountMax"
          (change)="amount('amountMax', $any($event.target).value)"
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
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  protected active(): boolean {
    return hasSaleFilters(this.state());
  }

  protected statusKey(status: SaleStatus): TranslationKey {
    return `sales.statuses.${status}` as TranslationKey;
  }

  protected period(days: number): Partial<SaleListState> {
    return lastDays(days);
  }

  protected search(value: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.emit({ q: value.trim() }), 300);
  }

  protected currency(value: string): void {
    const code = value.trim().toUpperCase();
    this.changed.emit({ currency: /^[A-Z]{3}$/.test(code) ? code : '' });
  }

  protected amount(field: 'amountMin' | 'amountMax', value: string): void {
    this.changed.emit({ [field]: normaliseAmountFilter(value) });
  }
}
