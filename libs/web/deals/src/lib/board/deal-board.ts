import { CdkDrag, type CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { DealResponse, PipelineResponse, StageResponse } from '@crm/shared/contracts';
import { DealsApi } from '@crm/web/data-access';
import { I18n, MoneyPipe, TranslatePipe } from '@crm/web/i18n';
import { Toasts } from '@crm/web/ui';
import { switchMap, EMPTY } from 'rxjs';
import { askMove } from '../dialogs/move-flow';
import { BoardColumns, CLOSED_COLUMN_DAYS } from './board-columns';
import { type ColumnSums, columnSums } from './column-sums';
import { DealCard } from './deal-card';

interface ColumnView {
  stage: StageResponse;
  items: DealResponse[];
  total: number;
  loading: boolean;
  error: boolean;
  sums: ColumnSums;
  more: boolean;
  /** A won or lost column: it shows the deals closed in the last {@link CLOSED_COLUMN_DAYS} days. */
  recent: boolean;
  /** The count is known (a column counted by the API shows «…» until its first page arrives). */
  counted: boolean;
}

/**
 * The kanban board of one pipeline: a column per stage with its count and money, cards dragged
 * between columns (or moved with each card's menu), each column paged with «load more». On a
 * phone the columns scroll sideways one at a time (scroll snap).
 */
@Component({
  selector: 'crm-deal-board',
  imports: [CdkDrag, CdkDropList, CdkDropListGroup, DealCard, MatButtonModule, MatIconModule, MoneyPipe, TranslatePipe],
  providers: [BoardColumns],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="board" cdkDropListGroup data-testid="deal-board">
      @for (column of view(); track column.stage.id) {
        <section
          class="column"
          [class.won]="column.stage.kind === 'won'"
          [class.lost]="column.stage.kind === 'lost'"
          [attr.aria-labelledby]="'stage-' + column.stage.id"
          data-testid="board-column"
          [attr.data-stage]="column.stage.name"
        >
          <header class="head">
            <h2 class="name" [id]="'stage-' + column.stage.id">{{ column.stage.name }}</h2>
            <span class="count" data-testid="column-count">{{ column.counted ? column.total : '…' }}</span>
            @if (column.recent) {
              <span class="recent" data-testid="column-recent">{{
                'deals.column.closedRecently' | t: { days: closedDays }
              }}</span>
            }
            <div class="sums" data-testid="column-sum">
              @for (sum of column.sums.sums; track sum.currency) {
                <span class="sum">{{ sum.amount | money: sum.currency }}</span>
              } @empty {
                <span class="sum muted">–</span>
              }
              @if (column.sums.partial) {
                <span class="partial">{{
                  'deals.column.sumOfLoaded' | t: { shown: column.sums.shown, total: column.sums.total }
                }}</span>
              }
            </div>
          </header>
          <div
            class="cards"
            cdkDropList
            [cdkDropListData]="column.stage"
            (cdkDropListDropped)="dropped($event)"
            data-testid="column-cards"
          >
            @for (deal of column.items; track deal.id) {
              <crm-deal-card
                cdkDrag
                [cdkDragData]="deal"
                [cdkDragStartDelay]="{ touch: 250, mouse: 0 }"
                [deal]="deal"
                [stages]="pipeline().stages"
                data-testid="deal-card"
                [attr.data-deal]="deal.title"
                (move)="move(deal, $event)"
              />
            } @empty {
              @if (!column.loading && !column.error) {
                <p class="empty">{{ 'deals.column.empty' | t }}</p>
              }
            }
            @if (column.loading) {
              <div class="skeleton" aria-hidden="true"></div>
              <div class="skeleton" aria-hidden="true"></div>
            }
          </div>
          @if (column.error) {
            <p class="error" role="alert">
              {{ 'errors.loadFailed' | t }}
              <button matButton type="button" (click)="columns.retry(column.stage.id)">{{ 'common.retry' | t }}</button>
            </p>
          } @else if (column.more && !column.loading) {
            <button
              matButton
              type="button"
              class="more"
              data-testid="load-more"
              (click)="columns.loadMore(column.stage.id)"
            >
              {{ 'deals.column.loadMore' | t }}
            </button>
          }
        </section>
      }
    </div>
  `,
  styleUrl: './deal-board.scss',
})
export class DealBoard {
  protected readonly columns = inject(BoardColumns);
  private readonly api = inject(DealsApi);
  private readonly dialog = inject(MatDialog);
  private readonly toasts = inject(Toasts);
  private readonly i18n = inject(I18n);

  readonly companyId = input.required<string>();
  readonly pipeline = input.required<PipelineResponse>();
  /** '' for every owner. */
  readonly ownerId = input('');
  /** A deal moved: the page refreshes the stages' totals. */
  readonly changed = output<DealResponse>();

  private readonly query = computed(() => ({
    companyId: this.companyId(),
    pipelineId: this.pipeline().id,
    ownerId: this.ownerId(),
  }));

  protected readonly closedDays = CLOSED_COLUMN_DAYS;

  protected readonly view = computed<ColumnView[]>(() => {
    const state = this.columns.columns();
    const filtered = this.ownerId() !== '';
    return this.pipeline().stages.map((stage) => {
      const column = state[stage.id] ?? { items: [], total: 0, page: 0, loading: true, error: null };
      // An open stage's own totals cover every deal in it; with a filter, or in a won or lost column
      // (recently closed deals only), the column's count is the API's and only loaded cards are summed.
      const recent = stage.kind !== 'open';
      const own = filtered || recent;
      const sums: ColumnSums = own
        ? columnSums(column.items, column.total)
        : { sums: stage.totals, shown: stage.dealCount, total: stage.dealCount, partial: false };
      return {
        stage,
        recent,
        counted: !own || column.page > 0,
        items: column.items,
        total: own || column.page > 0 ? column.total : stage.dealCount,
        loading: column.loading,
        error: !!column.error,
        sums,
        more: column.items.length < column.total,
      };
    });
  });

  constructor() {
    // Another pipeline or owner starts the columns over; refreshed stage totals do not.
    let last = '';
    effect(() => {
      const query = this.query();
      const key = JSON.stringify(query);
      if (key === last) return;
      last = key;
      untracked(() => this.columns.reset(query, this.pipeline().stages));
    });
  }

  protected dropped(event: CdkDragDrop<StageResponse, StageResponse, DealResponse>): void {
    if (event.previousContainer === event.container) return;
    this.move(event.item.data, event.container.data);
  }

  protected move(deal: DealResponse, stage: StageResponse): void {
    if (deal.stageId === stage.id) return;
    const companyId = this.companyId();
    askMove(this.dialog, deal, stage)
      .pipe(switchMap((body) => (body ? this.api.move(companyId, deal.id, body) : EMPTY)))
      .subscribe({
        next: (moved) => {
          this.columns.moved(deal, moved);
          this.toasts.said(this.i18n.t('deals.moved', { stage: stage.name }));
          this.changed.emit(moved);
        },
        error: (error: unknown) => this.toasts.failedTo('deals.moveFailed', error),
      });
  }
}
