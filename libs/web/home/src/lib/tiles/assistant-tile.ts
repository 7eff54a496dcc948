import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { CompanyContext } from '@crm/web/core';
import { AssistantRecommendationsApi } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { HomeTile } from './home-tile';

/** The assistant's top three recommendations for today, each a link to its client. */
@Component({
  selector: 'crm-assistant-tile',
  imports: [HomeTile, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-home-tile
      [state]="today"
      icon="insights"
      link="/assistant"
      [title]="'home.assistant.title' | t"
      [linkLabel]="'home.assistant.open' | t"
    >
      @if (items().length) {
        <ol class="recs" data-testid="assistant-recommendations">
          @for (item of items(); track item.clientId) {
            <li class="rec">
              <a
                class="raised rec-link"
                [routerLink]="['/clients', item.clientId]"
                data-testid="assistant-recommendation"
              >
                <span class="strong">{{ item.title }}</span> · {{ item.clientName ?? ('home.assistant.client' | t) }}
              </a>
              <span class="reason">{{ item.reason }}</span>
            </li>
          }
        </ol>
      } @else {
        <p class="line">{{ 'home.assistant.none' | t }}</p>
      }
    </crm-home-tile>
  `,
  styleUrl: './tile-content.scss',
  styles: `
    .recs {
      margin: 0;
      padding-left: 20px;
      display: grid;
      gap: 8px;
    }
    .rec {
      display: grid;
      gap: 2px;
      overflow-wrap: anywhere;
    }
    .rec-link {
      color: var(--mat-sys-primary);
      text-decoration: none;
    }
    .rec-link:hover,
    .rec-link:focus-visible {
      text-decoration: underline;
    }
    .reason {
      font: var(--mat-sys-body-small);
    }
  `,
})
export class AssistantTile {
  private readonly api = inject(AssistantRecommendationsApi);
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);

  protected readonly today = rxResource({
    params: () => {
      const companyId = this.context.activeId();
      return companyId ? { companyId, locale: this.i18n.language() } : undefined;
    },
    stream: ({ params }) => this.api.today(params.companyId, params.locale),
  });
  protected readonly items = computed(() => (this.today.hasValue() ? this.today.value().items : []));
}
