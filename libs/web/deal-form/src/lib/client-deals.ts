import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { PipelineResponse } from '@crm/shared/contracts';
import { DealsApi, PipelinesApi } from '@crm/web/data-access';
import { LocalDatePipe, MoneyPipe, TranslatePipe } from '@crm/web/i18n';
import { EmptyState, ErrorState, ListSkeleton } from '@crm/web/ui';
import { catchError, of } from 'rxjs';
import { DealStatusChip } from './deal-status-chip';

/** Stage names by id across the company's pipelines. */
export function stageNames(pipelines: readonly PipelineResponse[]): Map<string, string> {
  return new Map(pipelines.flatMap((pipeline) => pipeline.stages.map((stage) => [stage.id, stage.name] as const)));
}

/** The client's deals, newest first, for the client page; a row opens the deal. */
@Component({
  selector: 'crm-client-deals',
  imports: [
    DealStatusChip,
    EmptyState,
    ErrorState,
    ListSkeleton,
    LocalDatePipe,
    MatButtonModule,
    MoneyPipe,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (deals.isLoading() && !page()) {
      <crm-list-skeleton class="pad" [rows]="3" />
    } @else if (deals.error()) {
      <crm-error-state class="pad" (retry)="deals.reload()" />
    } @else if (page(); as p) {
      @if (p.items.length === 0) {
        <crm-empty-state icon="view-week" [title]="'deals.section.none' | t" [text]="'deals.section.noneText' | t">
          <button matButton="filled" type="button" (click)="add.emit()">{{ 'deals.addLong' | t }}</button>
        </crm-empty-state>
      } @else {
        <ul class="deals">
          @for (deal of p.items; track deal.id) {
            <li class="deal" data-testid="client-deal">
              <a class="title" [routerLink]="['/deals', deal.id]">{{ deal.title }}</a>
              <span class="stage">{{ names().get(deal.stageId) ?? '–' }}</span>
              <crm-deal-status-chip [status]="deal.status" />
              <span class="close">{{ deal.expectedCloseDate ? (deal.expectedCloseDate | localDate) : '–' }}</span>
              <span class="num">{{ deal.amount | money: deal.currency }}</span>
            </li>
          }
        </ul>
        @if (p.total > p.items.length) {
          <p class="more">
            <a routerLink="/deals" [queryParams]="{ view: 'list', clientId: clientId() }">{{
              'deals.section.all' | t
            }}</a>
          </p>
        }
      }
    }
  `,
  styles: `
    .pad {
      padding: 16px;
    }
    .deals {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .deal {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto auto auto auto;
      align-items: center;
      gap: 12px;
      padding: 10px 16px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .title {
      color: var(--mat-sys-on-surface);
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    .stage,
    .close {
      color: var(--mat-sys-on-surface-variant);
      white-space: nowrap;
    }
    .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      font-weight: 500;
    }
    .more {
      padding: 8px 16px;
      margin: 0;
    }
    @media (max-width: 600px) {
      .deal {
        grid-template-columns: minmax(0, 1fr) auto;
      }
      .close {
        display: none;
      }
    }
  `,
})
export class ClientDeals {
  private readonly api = inject(DealsApi);
  private readonly pipelinesApi = inject(PipelinesApi);

  readonly companyId = input.required<string>();
  readonly clientId = input.required<string>();
  /** Bumped by the page after it created a deal, to reload the list. */
  readonly version = input(0);
  readonly add = output<void>();

  protected readonly deals = rxResource({
    params: () => ({ companyId: this.companyId(), clientId: this.clientId(), version: this.version() }),
    stream: ({ params }) =>
      this.api.list(params.companyId, { clientId: params.clientId, page: 1, pageSize: 20, sort: '-createdAt' }),
  });
  private readonly pipelines = rxResource({
    params: () => this.companyId(),
    stream: ({ params }) => this.pipelinesApi.list(params).pipe(catchError(() => of([] as PipelineResponse[]))),
  });
  protected readonly page = computed(() => (this.deals.hasValue() ? this.deals.value() : null));
  protected readonly names = computed(() => stageNames(this.pipelines.hasValue() ? this.pipelines.value() : []));
}
