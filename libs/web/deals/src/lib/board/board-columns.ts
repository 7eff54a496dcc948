import { inject, Injectable, type OnDestroy, signal } from '@angular/core';
import type { DealResponse, StageResponse } from '@crm/shared/contracts';
import { DealsApi } from '@crm/web/data-access';
import { finalize, type Observable, Subscription, tap } from 'rxjs';

/** Deals a column loads at a time: the board never asks for all deals of a stage. */
export const COLUMN_PAGE_SIZE = 20;
/** The won and lost columns show the deals closed in this many last days, not every deal ever closed. */
export const CLOSED_COLUMN_DAYS = 30;

/** The first day (local) of the closed columns' window, `YYYY-MM-DD`. */
export function closedSince(today = new Date()): string {
  const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() - CLOSED_COLUMN_DAYS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

export interface ColumnState {
  items: DealResponse[];
  /** Deals of the stage matching the filters (from the API's `total`). */
  total: number;
  /** Pages loaded so far. */
  page: number;
  loading: boolean;
  error: unknown;
}

export interface BoardQuery {
  companyId: string;
  pipelineId: string;
  ownerId: string;
}

const EMPTY: ColumnState = { items: [], total: 0, page: 0, loading: true, error: null };

/**
 * The columns of one pipeline's board, each paged on its own: the first page of every stage on
 * load, "load more" per column, and moves applied to the loaded cards once the API accepted them.
 */
@Injectable()
export class BoardColumns implements OnDestroy {
  private readonly api = inject(DealsApi);
  private readonly state = signal<Record<string, ColumnState>>({});
  private loads = new Subscription();
  private query: BoardQuery | null = null;
  /** The won and lost stages of the pipeline: their columns ask for recently closed deals only. */
  private closed = new Set<string>();

  readonly columns = this.state.asReadonly();

  /** Starts over for another pipeline or filter. */
  reset(query: BoardQuery, stages: readonly StageResponse[]): void {
    this.loads.unsubscribe();
    this.loads = new Subscription();
    this.query = query;
    this.closed = new Set(stages.filter((stage) => stage.kind !== 'open').map((stage) => stage.id));
    this.state.set(Object.fromEntries(stages.map((stage) => [stage.id, { ...EMPTY }])));
    for (const stage of stages) this.load(stage.id, 1);
  }

  loadMore(stageId: string): void {
    const column = this.state()[stageId];
    if (column && !column.loading) this.load(stageId, column.page + 1);
  }

  retry(stageId: string): void {
    const column = this.state()[stageId];
    if (column) this.load(stageId, Math.max(column.page + 1, 1));
  }

  /** Applies an accepted move: the card leaves its column and opens the target one. */
  moved(before: DealResponse, after: DealResponse): void {
    this.state.update((columns) => {
      const next = { ...columns };
      const from = next[before.stageId];
      if (from) {
        const kept = from.items.filter((deal) => deal.id !== before.id);
        next[before.stageId] = {
          ...from,
          items: kept,
          total: Math.max(0, from.total - (from.items.length - kept.length)),
        };
      }
      const to = next[after.stageId];
      if (to)
        next[after.stageId] = {
          ...to,
          items: [after, ...to.items.filter((d) => d.id !== after.id)],
          total: to.total + 1,
        };
      return next;
    });
  }

  /** A deal created from the board lands on top of its column. */
  added(deal: DealResponse): void {
    const column = this.state()[deal.stageId];
    if (column) this.patch(deal.stageId, { items: [deal, ...column.items], total: column.total + 1 });
  }

  ngOnDestroy(): void {
    this.loads.unsubscribe();
  }

  private load(stageId: string, page: number): void {
    const query = this.query;
    if (!query) return;
    this.patch(stageId, { loading: true, error: null });
    const request: Observable<unknown> = this.api
      .list(query.companyId, {
        pipelineId: query.pipelineId,
        stageId,
        ownerId: query.ownerId,
        page,
        pageSize: COLUMN_PAGE_SIZE,
        sort: '-stageEnteredAt',
        ...(this.closed.has(stageId) ? { enteredFrom: closedSince() } : {}),
      })
      .pipe(
        tap({
          next: (result) => {
            const column = this.state()[stageId] ?? EMPTY;
            const seen = new Set(column.items.map((deal) => deal.id));
            const items = page === 1 ? result.items : [...column.items, ...result.items.filter((d) => !seen.has(d.id))];
            this.patch(stageId, { items, total: result.total, page });
          },
          error: (error: unknown) => this.patch(stageId, { error }),
        }),
        finalize(() => this.patch(stageId, { loading: false })),
      );
    this.loads.add(request.subscribe({ error: () => undefined }));
  }

  private patch(stageId: string, change: Partial<ColumnState>): void {
    this.state.update((columns) =>
      columns[stageId] ? { ...columns, [stageId]: { ...columns[stageId], ...change } } : columns,
    );
  }
}
