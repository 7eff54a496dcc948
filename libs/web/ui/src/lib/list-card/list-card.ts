import { ChangeDetectionStrategy, Component, computed, inject, input, output, ViewEncapsulation } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { describeError, LIST_PAGE_SIZES } from '@crm/web/core';
import { I18n } from '@crm/web/i18n';
import { ErrorState } from '../states/error-state';
import { ListSkeleton } from '../states/list-skeleton';
import { PAGINATOR_PROVIDERS } from './paginator-intl';

/** A page of a list as an `rxResource` gives it: loading, failed (retry), or its rows and total. */
export interface ListSource {
  isLoading(): boolean;
  hasValue(): boolean;
  value(): { items: readonly unknown[]; total: number } | undefined;
  error(): unknown;
  reload(): unknown;
}

/** A list's paging kept elsewhere (the page's `UrlListState`): the page shown and the way to another. */
export interface ListPaging {
  value(): { page: number; pageSize?: number };
  page(event: PageEvent): void;
}

/**
 * The frame of a full-width list page (clients, sales): an outlined card with a loading skeleton,
 * an error with retry, the empty state the page projects as `[listEmpty]`, the total line, the
 * table (default content, scrolls sideways when wide) and a paginator in the interface language.
 * Its styles are global under `crm-list-card` so they reach the page's own table: `.row`
 * (clickable), `.num` (right-aligned tabular figures), `.secondary` (hidden on phones) and
 * `.phone-only` (shown only on phones). Give it the page's resource as `source` (loading, the error in
 * words, the total, "no rows" and retry follow from it), or those one by one; and its `UrlListState`
 * as `paging` (the page shown and the paginator's changes follow from it), or those one by one.
 */
@Component({
  selector: 'crm-list-card',
  imports: [ErrorState, ListSkeleton, MatCardModule, MatPaginatorModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  providers: PAGINATOR_PROVIDERS,
  template: `
    <mat-card appearance="outlined" class="table-card">
      @if (busy() && total() === null) {
        <crm-list-skeleton class="pad" [rows]="8" />
      } @else if (problem(); as message) {
        <crm-error-state class="pad" [message]="message" (retry)="retryNow()" />
      } @else if (total() !== null) {
        @if (noRows()) {
          <ng-content select="[listEmpty]" />
        } @else {
          <p class="total" [attr.data-testid]="totalTestId()">{{ totalText() }}</p>
          <div class="scroll" [class.busy]="busy()">
            <ng-content />
          </div>
          <mat-paginator
            [length]="total()"
            [pageIndex]="shownIndex()"
            [pageSize]="shownSize()"
            [pageSizeOptions]="pageSizes()"
            (page)="turn($event)"
          />
        }
      }
    </mat-card>
  `,
  styleUrl: './list-card.scss',
})
export class ListCard {
  /** A request is under way: the skeleton before the first page, dimmed rows after. */
  readonly loading = input(false);
  /** What went wrong, already in words; shows the error state with "retry". */
  readonly error = input<string | null>(null);
  /** Rows matching the filters; null until the first page arrives. */
  readonly length = input<number | null>(null);
  /** This page has no rows: show the projected `[listEmpty]` content instead of the table. */
  readonly empty = input(false);
  readonly totalText = input('');
  readonly totalTestId = input<string | null>(null);
  /** Zero-based, as mat-paginator counts. */
  readonly pageIndex = input(0);
  readonly pageSize = input(50);
  readonly pageSizes = input<readonly number[]>(LIST_PAGE_SIZES);
  readonly retry = output<void>();
  readonly page = output<PageEvent>();
  /** The page's resource; when given, it supplies loading, error, length, empty and retry. */
  readonly source = input<ListSource | null>(null);
  /** The page's list state; when given, it supplies the page index and size and takes page changes. */
  readonly paging = input<ListPaging | null>(null);

  private readonly i18n = inject(I18n);
  protected readonly busy = computed(() => this.source()?.isLoading() ?? this.loading());
  protected readonly problem = computed(() => {
    const source = this.source();
    if (!source) return this.error();
    return source.error() ? describeError(source.error(), this.i18n) : null;
  });
  protected readonly total = computed(() => {
    const source = this.source();
    if (!source) return this.length();
    return source.hasValue() ? (source.value()?.total ?? null) : null;
  });
  protected readonly noRows = computed(() => {
    const source = this.source();
    return source ? source.hasValue() && source.value()?.items.length === 0 : this.empty();
  });

  protected readonly shownIndex = computed(() => {
    const paging = this.paging();
    return paging ? paging.value().page - 1 : this.pageIndex();
  });
  protected readonly shownSize = computed(() => this.paging()?.value().pageSize ?? this.pageSize());

  protected turn(event: PageEvent): void {
    this.paging()?.page(event);
    this.page.emit(event);
  }

  protected retryNow(): void {
    this.source()?.reload();
    this.retry.emit();
  }
}
