import { computed, inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, type Params, Router } from '@angular/router';
import { map } from 'rxjs';

/**
 * The pieces every list page uses to keep what it shows (filters, sort, page) in the URL's query,
 * so a filtered list can be shared and reloaded: readers that turn a query parameter into a valid
 * value or the default, the way back (defaults left out), and {@link UrlListState}, which binds a
 * page's state to the route.
 */

/** The page sizes a list offers. */
export const LIST_PAGE_SIZES = [25, 50, 100] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A query parameter as trimmed text; anything but a string is empty. */
export function queryText(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** A whole number above zero, or the fallback. */
export function queryPositiveInt(value: unknown, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** A `YYYY-MM-DD` day, or empty. */
export function queryDay(value: unknown): string {
  const day = queryText(value);
  return DAY.test(day) ? day : '';
}

/** One of the values offered, or the fallback. */
export function queryChoice<T extends string>(value: unknown, choices: readonly T[], fallback: T): T {
  const text = queryText(value) as T;
  return choices.includes(text) ? text : fallback;
}

/** `field` or `-field` for a sortable field, or the fallback. */
export function querySort(value: unknown, sortable: readonly string[], fallback: string): string {
  const sort = queryText(value);
  return sortable.some((field) => sort === field || sort === `-${field}`) ? sort : fallback;
}

/** One of the offered page sizes, or the fallback. */
export function queryPageSize(value: unknown, sizes: readonly number[], fallback: number): number {
  const size = queryPositiveInt(value, fallback);
  return sizes.includes(size) ? size : fallback;
}

/** The readers together: `fromQuery.text(params['q'])`, `fromQuery.day(params['from'])`, … */
export const fromQuery = {
  text: queryText,
  positiveInt: queryPositiveInt,
  day: queryDay,
  choice: queryChoice,
  sort: querySort,
  pageSize: queryPageSize,
} as const;

/**
 * The query parameters for a state: every key of the defaults, `null` where the value is the
 * default (which removes it from the URL), so the plain list has a plain address.
 */
export function stateToQuery<S extends object>(
  state: S,
  defaults: S,
  encode: (key: keyof S, value: S[keyof S]) => unknown = (_key, value) => value,
): Params {
  return Object.fromEntries(
    (Object.keys(defaults) as (keyof S)[]).map((key) => [
      key,
      state[key] === defaults[key] ? null : encode(key, state[key]),
    ]),
  );
}

export type SortDirection = 'asc' | 'desc';

/** `-name` → `{ active: 'name', direction: 'desc' }` for mat-sort. */
export function sortToMat(sort: string): { active: string; direction: SortDirection } {
  return sort.startsWith('-') ? { active: sort.slice(1), direction: 'desc' } : { active: sort, direction: 'asc' };
}

/** mat-sort's column and direction → `name` / `-name`; no direction is the list's default sort. */
export function matToSort(active: string, direction: SortDirection | '', fallback: string): string {
  if (!direction) return fallback;
  return direction === 'desc' ? `-${active}` : active;
}

/** A list's state that pages and sorts. */
export interface PagedListState {
  sort: string;
  page: number;
  pageSize: number;
}

export interface ListQueryCodec<S> {
  /** The state from the URL's query; anything unknown or malformed falls back to the default. */
  read(params: Params): S;
  /** The query for a state. */
  write(state: S): Params;
  /** The sort of a column whose sort was cleared. */
  defaultSort?: string;
  /** Keep the query parameters the state does not own (default true). */
  merge?: boolean;
}

/**
 * A list page's state kept in its route's query: `value()` follows the URL, every change navigates.
 * A change of filters or sort goes back to page 1; paging keeps the filters. Create it in an
 * injection context (a component's field).
 */
export class UrlListState<S extends { page: number }> {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  readonly value: Signal<S>;
  /** The sort as mat-sort's `matSortActive` / `matSortDirection`. */
  readonly matSort = computed(() => sortToMat((this.value() as Partial<PagedListState>).sort ?? ''));

  constructor(private readonly codec: ListQueryCodec<S>) {
    const read = (params: Params) => codec.read(params);
    this.value = toSignal(this.route.queryParams.pipe(map(read)), {
      initialValue: read(this.route.snapshot.queryParams),
    });
  }

  /** Shows this state. */
  go(state: S): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: this.codec.write(state),
      ...(this.codec.merge === false ? {} : { queryParamsHandling: 'merge' as const }),
    });
  }

  /** Changes filters (or sort) and goes back to the first page. */
  filter(change: Partial<S>): void {
    this.go({ ...this.value(), ...change, page: 1 });
  }

  /** mat-sort's `matSortChange`. */
  sort(sort: { active: string; direction: SortDirection | '' }): void {
    const value = matToSort(sort.active, sort.direction, this.codec.defaultSort ?? '');
    this.filter({ sort: value } as unknown as Partial<S>);
  }

  /** mat-paginator's `page`. */
  page(event: { pageIndex: number; pageSize: number }): void {
    this.go({ ...this.value(), page: event.pageIndex + 1, pageSize: event.pageSize });
  }
}
