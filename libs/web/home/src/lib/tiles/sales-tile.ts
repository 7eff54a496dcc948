import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { SalesApi } from '@crm/web/data-access';
import { LocalDateTimePipe, MoneyPipe, RelativeTimePipe, TranslatePipe } from '@crm/web/i18n';
import { HomeTile } from './home-tile';
import { newestOf } from './newest';

/** The sale count, live, and the latest sale. */
@Component({
  selector: 'crm-sales-tile',
  imports: [HomeTile, LocalDateTimePipe, MoneyPipe, RelativeTimePipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-home-tile
      [state]="sales.state"
      icon="receipt"
      link="/sales"
      [title]="'dashboard.sales.title' | t"
      [linkLabel]="'dashboard.sales.open' | t"
    >
      <p class="figure" data-testid="sales-count">{{ 'dashboard.sales.count' | t: { count: sales.total() } }}</p>
      @if (sales.latest(); as sale) {
        <p class="line" [attr.title]="sale.soldAt | localDateTime">
          {{ 'dashboard.sales.latest' | t: { time: (sale.soldAt | relativeTime) } }} ·
          {{ sale.amount | money: sale.currency }}
        </p>
      } @else {
        <p class="line">{{ 'dashboard.sales.none' | t }}</p>
      }
    </crm-home-tile>
  `,
  styleUrl: './tile-content.scss',
})
export class SalesTile {
  private readonly api = inject(SalesApi);

  protected readonly sales = newestOf((companyId) =>
    this.api.list(companyId, { page: 1, pageSize: 1, sort: '-soldAt' }),
  );
}
