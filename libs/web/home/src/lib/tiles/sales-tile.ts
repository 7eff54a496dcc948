import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { CompanyContext } from '@crm/web/core';
import { SalesApi } from '@crm/web/data-access';
import { LocalDateTimePipe, MoneyPipe, RelativeTimePipe, TranslatePipe } from '@crm/web/i18n';
import { HomeTile } from './home-tile';

/** The sale count, live, and the latest sale. */
@Component({
  selector: 'crm-sales-tile',
  imports: [HomeTile, LocalDateTimePipe, MoneyPipe, RelativeTimePipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-home-tile
      [state]="page"
      icon="receipt"
      link="/sales"
      [title]="'dashboard.sales.title' | t"
      [linkLabel]="'dashboard.sales.open' | t"
    >
      <p class="figure" data-testid="sales-count">{{ 'dashboard.sales.count' | t: { count: total() } }}</p>
      @if (latest(); as sale) {
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
  private readonly context = inject(CompanyContext);

  protected readonly page = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params }) => this.api.list(params, { page: 1, pageSize: 1, sort: '-soldAt' }),
  });
  protected readonly total = computed(() => (this.page.hasValue() ? this.page.value().total : 0));
  protected readonly latest = computed(() => (this.page.hasValue() ? (this.page.value().items[0] ?? null) : null));
}
