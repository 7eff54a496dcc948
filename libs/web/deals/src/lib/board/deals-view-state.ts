import type { Params } from '@angular/router';
import { fromQuery, LIST_PAGE_SIZES, type ListQueryCodec, stateToQuery } from '@crm/web/core';
import type { ApiParams } from '@crm/web/data-access';

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

export function dealsViewFromParams(params: Params): DealsViewState {
  return {
    view: params['view'] === 'list' ? 'list' : 'board',
    pipelineId: fromQuery.text(params['pipelineId']),
    ownerId: fromQuery.text(params['ownerId']),
    mine: params['mine'] === '1' || params['mine'] === 'true',
    clientId: fromQuery.text(params['clientId']),
    sort: fromQuery.sort(params['sort'], SORTABLE, DEFAULT_DEAL_SORT),
    page: fromQuery.positiveInt(params['page'], 1),
    pageSize: fromQuery.pageSize(params['pageSize'], LIST_PAGE_SIZES, DEFAULT_DEALS_VIEW.pageSize),
  };
}

/** Defaults are `null`, which removes them from the URL. */
export function dealsViewToParams(state: DealsViewState): Params {
  return stateToQuery(state, DEFAULT_DEALS_VIEW, (key, value) => (key === 'mine' ? '1' : value));
}

/** The deals page's query; the page owns every parameter of its address. */
export const DEALS_VIEW_QUERY: ListQueryCodec<DealsViewState> = {
  read: dealsViewFromParams,
  write: dealsViewToParams,
  defaultSort: DEFAULT_DEAL_SORT,
  merge: false,
};

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
