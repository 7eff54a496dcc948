import { ChangeDetectionStrategy, Component, computed, input, type ResourceRef } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { InteractionResponse } from '@crm/shared/contracts';
import { LocalDateTimePipe, RelativeTimePipe, TranslatePipe } from '@crm/web/i18n';
import { EmptyState, ErrorState, interactionIcon, interactionTypeKey, ListSkeleton } from '@crm/web/ui';

/** Interactions, newest first, as a vertical timeline; those recorded on a deal link to it. */
@Component({
  selector: 'crm-client-timeline',
  imports: [
    EmptyState,
    ErrorState,
    ListSkeleton,
    LocalDateTimePipe,
    MatIconModule,
    RelativeTimePipe,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (resource().isLoading() && !items()) {
      <crm-list-skeleton class="pad" [rows]="3" />
    } @else if (resource().error()) {
      <crm-error-state class="pad" (retry)="resource().reload()" />
    } @else if (items()?.length === 0) {
      <crm-empty-state
        icon="event"
        [title]="'clients.detail.noInteractions' | t"
        [text]="'clients.detail.noInteractionsText' | t"
      />
    } @else {
      <ol class="timeline">
        @for (item of items(); track item.id) {
          <li class="entry" data-testid="interaction">
            <span class="dot" aria-hidden="true"><mat-icon [svgIcon]="icon(item.type)" /></span>
            <div class="body">
              <p class="meta">
                <strong>{{ typeKey(item.type) | t }}</strong>
                ·
                <time [attr.datetime]="item.occurredAt" [attr.title]="item.occurredAt | localDateTime">{{
                  item.occurredAt | relativeTime
                }}</time>
                @if (item.author) {
                  · {{ 'clients.detail.author' | t: { login: item.author.login } }}
                }
              </p>
              @if (item.dealId) {
                <a class="deal" [routerLink]="['/deals', item.dealId]" data-testid="entry-deal-link">{{
                  'deals.section.onDeal' | t: { title: item.dealTitle ?? '–' }
                }}</a>
              }
              <p class="summary">{{ item.summary }}</p>
            </div>
          </li>
        }
      </ol>
    }
  `,
  styleUrl: './client-timeline.scss',
})
export class ClientTimeline {
  readonly resource = input.required<ResourceRef<InteractionResponse[] | undefined>>();
  protected readonly items = computed(() => {
    const resource = this.resource();
    return resource.hasValue() ? (resource.value() ?? null) : null;
  });

  protected readonly icon = interactionIcon;
  protected readonly typeKey = interactionTypeKey;
}
