import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ClientsApi } from '@crm/web/data-access';
import { LocalDateTimePipe, RelativeTimePipe, TranslatePipe } from '@crm/web/i18n';
import { HomeTile } from './home-tile';
import { newestOf } from './newest';

/** The client count, live, and when the latest client arrived. */
@Component({
  selector: 'crm-clients-tile',
  imports: [HomeTile, LocalDateTimePipe, RelativeTimePipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-home-tile
      [state]="clients.state"
      icon="person"
      link="/clients"
      [title]="'dashboard.clients.title' | t"
      [linkLabel]="'dashboard.clients.open' | t"
    >
      @if (clients.total() > 0) {
        <p class="figure" data-testid="clients-count">
          {{ 'dashboard.clients.count' | t: { count: clients.total() } }}
        </p>
        @if (clients.latest()?.createdAt; as at) {
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

  protected readonly clients = newestOf((companyId) =>
    this.api.list(companyId, { page: 1, pageSize: 1, sort: '-createdAt' }),
  );
}
