import type { Params } from '@angular/router';
import type { SaleStatus } from '@crm/shared/contracts';
import { type ApiParams } from '@crm/web/data-access';

export const SALE_PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_SALE_SORT = '-soldAt';
const SORTABLE = ['soldAt', 'amount', 'createdAt'] as const;
const STATUSES: readonly SaleStatus[] = ['pending', 'paid', 'cancelled', 'refunded'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
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

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function positiveInt(value: unknown, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** `1 000,5` typed by a Russian user reads as `1000.5`; anything else is dropped. */
export function normaliseAmountFilter(value: unknown): string {
  const compact = text(value)
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  return AMOUNT.test(compact) ? compact : '';
}

export function saleStateFromParams(params: Params): SaleListState {
  const sort = text(params['sort']);
  const status = text(params['status']) as SaleStatus;
  const currency = text(params['currency']).toUpperCase();
  const from = text(params['from']);
  const to = text(params['to']);
  const pageSize = positiveInt(params['pageSize'], EMPTY_SALE_LIST_STATE.pageSize);
  return {
    q: text(params['q']),
    clientId: text(params['clientId']),
    status: STATUSES.includes(status) ? status : '',
    currency: /^[A-Z]{3}$/.test(currency) ? currency : '',
    from: DAY.test(from) ? from : '',
    to: DAY.test(to) ? to : '',
    amountMin: normaliseAmountFilter(params['amountMin']),
    amountMax: normaliseAmountFilter(params['amountMax']),
    sort: SORTABLE.some((field) => sort === field || sort === `-${field}`) ? sort : DEFAULT_SALE_SORT,
    page: positiveInt(params['page'], 1),
    pageSize: (SALE_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : EMPTY_SALE_LIST_STATE.pageSize,
  };
}

/** Defaults are `null`, which removes them from the URL. */
export function saleStateToParams(state: SaleListState): Params {
  return Object.fromEntries(
    (Object.keys(EMPTY_SALE_LIST_STATE) as (keyof SaleListState)[]).map((key) => [
      key,
      state[key] === EMPTY_SALE_LIST_STATE[key] ? null : state[key],
    ]),
  );
}

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
