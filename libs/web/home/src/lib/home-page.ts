import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { CompanyContext } from '@crm/web/core';
import { I18n, type TranslationKey } from '@crm/web/i18n';
import { PageHeader } from '@crm/web/ui';
import { KpiSection } from './kpi/kpi-section';
import { ApiKeyTile } from './tiles/api-key-tile';
import { AssistantTile } from './tiles/assistant-tile';
import { ClientsTile } from './tiles/clients-tile';
import { MembersTile } from './tiles/members-tile';
import { ReportsTile } from './tiles/reports-tile';
import { SalesTile } from './tiles/sales-tile';
import { TasksTile } from './tiles/tasks-tile';

function greetingKey(hour: number): TranslationKey {
  if (hour < 5) return 'home.greeting.night';
  if (hour < 12) return 'home.greeting.morning';
  if (hour < 18) return 'home.greeting.day';
  return 'home.greeting.evening';
}

/**
 * Start (seed figure 8): a greeting and one tile per section that exists.
 */
@Component({
  selector: 'crm-home-page',
  imports: [
    ApiKeyTile,
    AssistantTile,
    ClientsTile,
    KpiSection,
    MembersTile,
    PageHeader,
    ReportsTile,
    SalesTile,
    TasksTile,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-page-header [title]="greeting()" [subtitle]="subtitle()" />
    <section class="tiles" [attr.aria-label]="tilesLabel()">
      <crm-tasks-tile />
      <crm-assistant-tile />
      <crm-clients-tile />
      <crm-sales-tile />
      <crm-reports-tile />
      <crm-api-key-tile />
      <crm-members-tile />
    </section>
    <crm-kpi-section />
  `,
  styles: `
    .tiles {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 280px), 1fr));
      gap: 16px;
    }
  `,
})
export class HomePage {
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);

  protected readonly greeting = computed(() =>
    this.i18n.t(greetingKey(new Date().getHours()), { login: this.context.me()?.login ?? '' }),
  );
  protected readonly subtitle = computed(() =>
    this.i18n.t('home.subtitle', { company: this.context.active()?.name ?? '' }),
  );
  protected readonly tilesLabel = computed(() => this.i18n.t('home.tiles'));
}
