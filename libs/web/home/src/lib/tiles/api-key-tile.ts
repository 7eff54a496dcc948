import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { CompanyContext, valueOr } from '@crm/web/core';
import { ApiKeysApi } from '@crm/web/data-access';
import { LocalDateTimePipe, RelativeTimePipe, TranslatePipe } from '@crm/web/i18n';
import { KeyMask } from '@crm/web/ui';
import { HomeTile } from './home-tile';

@Component({
  selector: 'crm-api-key-tile',
  imports: [HomeTile, KeyMask, LocalDateTimePipe, MatButtonModule, RelativeTimePipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-home-tile icon="key" link="/keys" [title]="'home.apiKey.title' | t" [linkLabel]="'home.apiKey.open' | t">
      @if (keys.isLoading() && !keys.hasValue()) {
        <span class="placeholder" aria-hidden="true"></span>
        <span class="sr-only">{{ 'common.loading' | t }}</span>
      } @else if (keys.error()) {
        <p class="line">{{ 'errors.loadFailed' | t }}</p>
        <button matButton type="button" class="raised" (click)="keys.reload()">{{ 'common.retry' | t }}</button>
      } @else if (latest(); as key) {
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
