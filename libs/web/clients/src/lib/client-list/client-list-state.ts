import type { Params } from '@angular/router';
import { fromQuery, LIST_PAGE_SIZES, type ListQueryCodec, matToSort as toSort, stateToQuery } from '@crm/web/core';
import { type ApiParams } from '@crm/web/data-access';

export { sortToMat } from '@crm/web/core';

export const DEFAULT_CLIENT_SORT = '-createdAt';
const SORTABLE = ['name', 'email', 'lastInteractionAt', 'createdAt'] as const;

export type HasPurchases = 'yes' | 'no' | '';

/** What the clients list shows; kept in the URL so a filtered list can be shared. */
export interface ClientListState {
  q: string;
  activity: string;
  hasPurchases: HasPurchases;
  /** `YYYY-MM-DD` or empty. */
  lastFrom: string;
  lastTo: string;
  sort: string;
  page: number;
  pageSize: number;
}

export const EMPTY_CLIENT_LIST_STATE: ClientListState = {
  q: '',
  activity: '',
  hasPurchases: '',
  lastFrom: '',
  lastTo: '',
  sort: DEFAULT_CLIENT_SORT,
  page: 1,
  pageSize: 50,
};

/** Reads the URL's query parameters; anything unknown or malformed falls back to the default. */
export function clientStateFromParams(params: Params): ClientListState {
  return {
    q: fromQuery.text(params['q']),
    activity: fromQuery.text(params['activity']),
    hasPurchases: fromQuery.choice<HasPurchases>(params['hasPurchases'], ['yes', 'no'], ''),
    lastFrom: fromQuery.day(params['lastFrom']),
    lastTo: fromQuery.day(params['lastTo']),
    sort: fromQuery.sort(params['sort'], SORTABLE, DEFAULT_CLIENT_SORT),
    page: fromQuery.positiveInt(params['page'], 1),
    pageSize: fromQuery.pageSize(params['pageSize'], LIST_PAGE_SIZES, EMPTY_CLIENT_LIST_STATE.pageSize),
  };
}

/**
 * The query parameters for a state: defaults are left out (`null` removes them from the URL
 * with `queryParamsHandling: 'merge'`), so the plain list has a plain address.
 */
export function clientStateToParams(state: ClientListState): Params {
  return stateToQuery(state, EMPTY_CLIENT_LIST_STATE);
}

export const CLIENT_LIST_QUERY: ListQueryCodec<ClientListState> = {
  read: clientStateFromParams,
  write: clientStateToParams,
  defaultSort: DEFAULT_CLIENT_SORT,
};

/** The filters as `GET /clients` (and the export) read them. */
export function clientFilterParams(state: ClientListState): ApiParams {
  return {
    q: state.q,
    activity: state.activity,
    hasPurchases: state.hasPurchases === '' ? null : state.hasPurchases === 'yes',
    lastInteractionFrom: state.lastFrom,
    lastInteractionTo: state.lastTo,
    sort: state.sort,
  };
}

export function clientApiParams(state: ClientListState): ApiParams {
  return { ...clientFilterParams(state), page: state.page, pageSize: state.pageSize };
}

/** A change of filters goes back to page 1; paging keeps the filters. */
export function withFilters(state: ClientListState, change: Partial<ClientListState>): ClientListState {
  return { ...state, ...change, page: 1 };
}

export function hasActiveFilters(state: ClientListState): boolean {
  return !!(state.q || state.activity || state.hasPurchases || state.lastFrom || state.lastTo);
}

/** mat-sort's column and direction → `name` / `-name`; no direction is the default sort. */
export function matToSort(active: string, direction: 'asc' | 'desc' | ''): string {
  return toSort(active, direction, DEFAULT_CLIENT_SORT);
}
