import type { Params } from '@angular/router';
import type { SaleStatus } from '@crm/shared/contracts';
import { fromQuery, LIST_PAGE_SIZES, type ListQueryCodec, stateToQuery } from '@crm/web/core';
import { type ApiParams } from '@crm/web/data-access';

export const DEFAULT_SALE_SORT = '-soldAt';
const SORTABLE = ['soldAt', 'amount', 'createdAt'] as const;
const STATUSES: readonly SaleStatus[] = ['pending', 'paid', 'cancelled', 'refunded'];
const AMOUNT = /^\d+(\.\d{1,2})?$/;

/** What the sales list shows; kept in the URL so a filtered list can be shared. */
export interface SaleListState {
  q: string;
  clientId: string;
  status: SaleStatus | '';
  currency: string;
  from: string;
  to: string;
  amountMin: string;
  amountMax: string;
  sort: string;
  page: number;
  pageSize: number;
}

export const EMPTY_SALE_LIST_STATE: SaleListState = {
  q: '',
  clientId: '',
  status: '',
  currency: '',
  from: '',
  to: '',
  amountMin: '',
  amountMax: '',
  sort: DEFAULT_SALE_SORT,
  page: 1,
  pageSize: 50,
};

/** `1 000,5` typed by a Russian user reads as `1000.5`; anything else is dropped. */
export function normaliseAmountFilter(value: unknown): string {
  const compact = fromQuery
    .text(value)
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  return AMOUNT.test(compact) ? compact : '';
}

export function saleStateFromParams(params: Params): SaleListState {
  const currency = fromQuery.text(params['currency']).toUpperCase();
  return {
    q: fromQuery.text(params['q']),
    clientId: fromQuery.text(params['clientId']),
    status: fromQuery.choice<SaleStatus | ''>(params['status'], STATUSES, ''),
    currency: /^[A-Z]{3}$/.test(currency) ? currency : '',
    from: fromQuery.day(params['from']),
    to: fromQuery.day(params['to']),
    amountMin: normaliseAmountFilter(params['amountMin']),
    amountMax: normaliseAmountFilter(params['amountMax']),
    sort: fromQuery.sort(params['sort'], SORTABLE, DEFAULT_SALE_SORT),
    page: fromQuery.positiveInt(params['page'], 1),
    pageSize: fromQuery.pageSize(params['pageSize'], LIST_PAGE_SIZES, EMPTY_SALE_LIST_STATE.pageSize),
  };
}

/** Defaults are `null`, which removes them from the URL. */
export function saleStateToParams(state: SaleListState): Params {
  return stateToQuery(state, EMPTY_SALE_LIST_STATE);
}

export const SALE_LIST_QUERY: ListQueryCodec<SaleListState> = {
  read: saleStateFromParams,
  write: saleStateToParams,
  defaultSort: DEFAULT_SALE_SORT,
};

export function saleFilterParams(state: SaleListState): ApiParams {
  return {
    q: state.q,
    clientId: state.clientId,
    status: state.status,
    currency: state.currency,
    from: state.from,
    to: state.to,
    amountMin: state.amountMin,
    amountMax: state.amountMax,
    sort: state.sort,
  };
}

export function saleApiParams(state: SaleListState): ApiParams {
  return { ...saleFilterParams(state), page: state.page, pageSize: state.pageSize };
}

export function withSaleFilters(state: SaleListState, change: Partial<SaleListState>): SaleListState {
  return { ...state, ...change, page: 1 };
}

export function hasSaleFilters(state: SaleListState): boolean {
  return !!(
    state.q ||
    state.clientId ||
    state.status ||
    state.currency ||
    state.from ||
    state.to ||
    state.amountMin ||
    state.amountMax
  );
}

/** "Period" presets: the last N days up to today (local), as `from`/`to`. */
export function lastDays(days: number, today: Date = new Date()): { from: string; to: string } {
  const day = (date: Date) =>
    `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1));
  return { from: day(start), to: day(today) };
}
