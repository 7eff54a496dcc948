import type { Params } from '@angular/router';
import type { ApiParams } from '@crm/web/data-access';

export const DEAL_PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_DEAL_SORT = '-updatedAt';
const SORTABLE = ['createdAt', 'updatedAt', 'amount', 'expectedCloseDate', 'title'] as const;

/** What the deals page shows; kept in the URL so a board or list can be shared and reloaded. */
export interface DealsViewState {
  view: 'board' | 'list';
  pipelineId: string;
  /** A chosen owner; `mine` wins over it. */
  ownerId: string;
  mine: boolean;
  clientId: string;
  sort: string;
  page: number;
  pageSize: number;
}

export const DEFAULT_DEALS_VIEW: DealsViewState = {
  view: 'board',
  pipelineId: '',
  ownerId: '',
  mine: false,
  clientId: '',
  sort: DEFAULT_DEAL_SORT,
  page: 1,
  pageSize: 50,
};

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function positiveInt(value: unknown, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function dealsViewFromParams(params: Params): DealsViewState {
  const sort = text(params['sort']);
  const pageSize = positiveInt(params['pageSize'], DEFAULT_DEALS_VIEW.pageSize);
  return {
    view: params['view'] === 'list' ? 'list' : 'board',
    pipelineId: text(params['pipelineId']),
    ownerId: text(params['ownerId']),
    mine: params['mine'] === '1' || params['mine'] === 'true',
    clientId: text(params['clientId']),
    sort: SORTABLE.some((field) => sort === field || sort === `-${field}`) ? sort : DEFAULT_DEAL_SORT,
    page: positiveInt(params['page'], 1),
    pageSize: (DEAL_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_DEALS_VIEW.pageSize,
  };
}

/** Defaults are `null`, which removes them from the URL. */
export function dealsViewToParams(state: DealsViewState): Params {
  return Object.fromEntries(
    (Object.keys(DEFAULT_DEALS_VIEW) as (keyof DealsViewState)[]).map((key) => {
      const value = state[key];
      if (value === DEFAULT_DEALS_VIEW[key]) return [key, null];
      return [key, key === 'mine' ? '1' : value];
    }),
  );
}

/** The owner the deals are filtered by: the signed-in user for «my deals». */
export function effectiveOwner(state: DealsViewState, myId: string | null | undefined): string {
  return state.mine ? (myId ?? '') : state.ownerId;
}

/** The list view's query to `GET /deals`. */
export function dealListParams(state: DealsViewState, pipelineId: string, ownerId: string): ApiParams {
  return {
    pipelineId,
    ownerId,
    clientId: state.clientId,
    sort: state.sort,
    page: state.page,
    pageSize: state.pageSize,
  };
}
