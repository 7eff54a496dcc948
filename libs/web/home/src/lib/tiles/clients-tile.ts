import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { CompanyContext } from '@crm/web/core';
import { ClientsApi } from '@crm/web/data-access';
import { LocalDateTimePipe, RelativeTimePipe, TranslatePipe } from '@crm/web/i18n';
import { HomeTile } from './home-tile';

/** The client count, live, and when the latest client arrived. */
@Component({
  selector: 'crm-clients-tile',
  imports: [HomeTile, LocalDateTimePipe, RelativeTimePipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-home-tile
      [state]="page"
      icon="person"
      link="/clients"
      [title]="'dashboard.clients.title' | t"
      [linkLabel]="'dashboard.clients.open' | t"
    >
      @if (total() > 0) {
        <p class="figure" data-testid="clients-count">{{ 'dashboard.clients.count' | t: { count: total() } }}</p>
        @if (latest(); as at) {
          <p class="line" [attr.title]="at | localDateTime">
            {{ 'dashboard.clients.latest' | t: { time: (at | relativeTime) } }}
          </p>
        }
      } @else {
        <p class="figure" data-testid="clients-count">{{ 'dashboard.clients.count' | t: { count: 0 } }}</p>
        <p class="line">{{ 'dashboard.clients.none' | t }}</p>
      }
    </crm-home-tile>
  `,
  styleUrl: './tile-content.scss',
})
export class ClientsTile {
  private readonly api = inject(ClientsApi);
  private readonly context = inject(CompanyContext);

  protected readonly page = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params }) => this.api.list(params, { page: 1, pageSize: 1, sort: '-createdAt' }),
  });
  protected readonly total = computed(() => (this.page.hasValue() ? this.page.value().total : 0));
  protected readonly latest = computed(() =>
    this.page.hasValue() ? (this.page.value().items[0]?.createdAt ?? null) : null,
  );
}
