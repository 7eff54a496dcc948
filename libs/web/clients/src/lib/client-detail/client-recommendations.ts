import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import { CompanyContext } from '@crm/web/core';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { ClientsApi } from '@crm/web/data-access';

/** Seed figure 10: "заметки и рекомендации AI-ассистента" — what to do with the client and why. */
@Component({
  selector: 'crm-client-recommendations',
  imports: [MatCardModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" class="card" data-testid="client-recommendations">
      <h2 class="title">{{ 'assistant.recommendations.title' | t }}</h2>
      @if (recommendations.error()) {
        <p class="muted">{{ 'assistant.recommendations.failed' | t }}</p>
      } @else if (recommendations.value(); as r) {
        @if (r.items.length === 0) {
          <p class="muted">{{ 'assistant.recommendations.empty' | t }}</p>
        }
        <ul class="items">
          @for (item of r.items; track $index) {
            <li [attr.data-action]="item.action">
              <strong>{{ item.title }}</strong>
              <span class="reason">{{ item.reason }}</span>
            </li>
          }
        </ul>
      }
    </mat-card>
  `,
  styles: `
    .card {
      padding: 16px;
    }
    .title {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
    .items {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 10px;
    }
    .items li {
      display: grid;
      gap: 2px;
    }
    .reason,
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class ClientRecommendations {
  readonly clientId = input.required<string>();
  private readonly api = inject(ClientsApi);
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);

  protected readonly recommendations = rxResource({
    params: () => {
      const companyId = this.context.activeId();
      return companyId ? { companyId, clientId: this.clientId(), locale: this.i18n.language() } : undefined;
    },
    stream: ({ params }) => this.api.recommendations(params.companyId, params.clientId, params.locale),
  });
}
