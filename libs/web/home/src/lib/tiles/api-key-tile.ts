import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { CompanyContext, valueOr } from '@crm/web/core';
import { ApiKeysApi } from '@crm/web/data-access';
import { LocalDateTimePipe, RelativeTimePipe, TranslatePipe } from '@crm/web/i18n';
import { KeyMask } from '@crm/web/ui';
import { HomeTile } from './home-tile';

@Component({
  selector: 'crm-api-key-tile',
  imports: [HomeTile, KeyMask, LocalDateTimePipe, RelativeTimePipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-home-tile
      [state]="keys"
      icon="key"
      link="/keys"
      [title]="'home.apiKey.title' | t"
      [linkLabel]="'home.apiKey.open' | t"
    >
      @if (latest(); as key) {
        <p class="line strong"><crm-key-mask [prefix]="key.prefix" /></p>
        <p class="line">
          {{ key.name }} ·
          @if (key.lastUsedAt) {
            <span [title]="key.lastUsedAt | localDateTime">{{
              'home.apiKey.lastUsed' | t: { time: (key.lastUsedAt | relativeTime) }
            }}</span>
          } @else {
            {{ 'home.apiKey.neverUsed' | t }}
          }
        </p>
        <p class="line">{{ 'home.apiKey.active' | t: { count: activeCount() } }}</p>
      } @else {
        <p class="line">{{ 'home.apiKey.none' | t }}</p>
      }
    </crm-home-tile>
  `,
  styleUrl: './tile-content.scss',
})
export class ApiKeyTile {
  private readonly api = inject(ApiKeysApi);
  private readonly context = inject(CompanyContext);

  protected readonly keys = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params: companyId }) => this.api.list(companyId),
  });
  private readonly active = computed(() => (valueOr(this.keys, []) ?? []).filter((key) => !key.revokedAt));
  protected readonly activeCount = computed(() => this.active().length);
  /** The key most recently used, else the newest. */
  protected readonly latest = computed(() => {
    const keys = [...this.active()];
    keys.sort((a, b) => (b.lastUsedAt ?? b.createdAt).localeCompare(a.lastUsedAt ?? a.createdAt));
    return keys[0] ?? null;
  });
}
