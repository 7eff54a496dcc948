import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@crm/web/i18n';
import { DayFilter, SearchFilter } from '@crm/web/ui';
import { type ClientListState, hasActiveFilters } from './client-list-state';

/** Search (debounced), purchases, activity and last-contact range; every change goes to the URL. */
@Component({
  selector: 'crm-client-filters',
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
        testId="client-search"
        [label]="'clients.search' | t"
        [placeholder]="'clients.searchHint' | t"
        [value]="state().q"
        (searchChange)="changed.emit({ q: $event })"
      />
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'clients.hasPurchases' | t }}</mat-label>
        <mat-select [value]="state().hasPurchases" (valueChange)="changed.emit({ hasPurchases: $event })">
          <mat-option value="">{{ 'clients.any' | t }}</mat-option>
          <mat-option value="yes">{{ 'clients.withPurchases' | t }}</mat-option>
          <mat-option value="no">{{ 'clients.withoutPurchases' | t }}</mat-option>
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'clients.activity' | t }}</mat-label>
        <input
          matInput
          [value]="state().activity"
          (change)="changed.emit({ activity: $any($event.target).value.trim() })"
        />
      </mat-form-field>
      <crm-day-filter
        testId="lastFrom-filter"
        [label]="'clients.lastFrom' | t"
        [day]="state().lastFrom"
        (dayChange)="changed.emit({ lastFrom: $event })"
      />
      <crm-day-filter
        testId="lastTo-filter"
        [label]="'clients.lastTo' | t"
        [day]="state().lastTo"
        (dayChange)="changed.emit({ lastTo: $event })"
      />
      @if (active()) {
        <button matButton type="button" class="reset" (click)="cleared.emit()">
          <mat-icon svgIcon="close" />
          {{ 'clients.resetFilters' | t }}
        </button>
      }
    </form>
  `,
  styles: `
    .filters {
      display: grid;
      grid-template-columns:
        minmax(220px, 2fr) minmax(140px, 1fr) minmax(150px, 1fr) repeat(2, minmax(160px, 1fr))
        auto;
      gap: 12px;
      align-items: center;
      margin-bottom: 16px;
    }
    @media (max-width: 1100px) {
      .filters {
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 200px), 1fr));
      }
      .search {
        grid-column: 1 / -1;
      }
    }
  `,
})
export class ClientFilters {
  readonly state = input.required<ClientListState>();
  readonly changed = output<Partial<ClientListState>>();
  readonly cleared = output<void>();

  protected active(): boolean {
    return hasActiveFilters(this.state());
  }
}
