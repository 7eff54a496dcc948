import type { Params } from '@angular/router';
import { type ApiParams } from '@crm/web/data-access';

export const CLIENT_PAGE_SIZES = [25, 50, 100] as const;
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

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function positiveInt(value: unknown, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Reads the URL's query parameters; anything unknown or malformed falls back to the default. */
export function clientStateFromParams(params: Params): ClientListState {
  const sort = text(params['sort']);
  const pageSize = positiveInt(params['pageSize'], EMPTY_CLIENT_LIST_STATE.pageSize);
  const hasPurchases = text(params['hasPurchases']);
  const lastFrom = text(params['lastFrom']);
  const lastTo = text(params['lastTo']);
  return {
    q: text(params['q']),
    activity: text(params['activity']),
    hasPurchases: hasPurchases === 'yes' || hasPurchases === 'no' ? hasPurchases : '',
    lastFrom: DAY.test(lastFrom) ? lastFrom : '',
    lastTo: DAY.test(lastTo) ? lastTo : '',
    sort: SORTABLE.some((field) => sort === field || sort === `-${field}`) ? sort : DEFAULT_CLIENT_SORT,
    page: positiveInt(params['page'], 1),
    pageSize: (CLIENT_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : EMPTY_CLIENT_LIST_STATE.pageSize,
  };
}

/**
 * The query parameters for a state: defaults are left out (`null` removes them from the URL
 * with `queryParamsHandling: 'merge'`), so the plain list has a plain address.
 */
export function clientStateToParams(state: ClientListState): Params {
  const defaults = EMPTY_CLIENT_LIST_STATE;
  const keep = <K extends keyof ClientListState>(key: K) => (state[key] === defaults[key] ? null : state[key]);
  return {
    q: keep('q'),
    activity: keep('activity'),
    hasPurchases: keep('hasPurchases'),
    lastFrom: keep('lastFrom'),
    lastTo: keep('lastTo'),
    sort: keep('sort'),
    page: keep('page'),
    pageSize: keep('pageSize'),
  };
}

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

/** `-name` → `{ active: 'name', direction: 'desc' }` for mat-sort, and back. */
export function sortToMat(sort: string): { active: string; direction: 'asc' | 'desc' } {
  return sort.startsWith('-') ? { active: sort.slice(1), direction: 'desc' } : { active: sort, direction: 'asc' };
}

export function matToSort(active: string, direction: 'asc' | 'desc' | ''): string {
  if (!direction) return DEFAULT_CLIENT_SORT;
  return direction === 'desc' ? `-${active}` : active;
}
