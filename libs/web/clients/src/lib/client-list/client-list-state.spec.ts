import {
  clientApiParams,
  clientStateFromParams,
  clientStateToParams,
  EMPTY_CLIENT_LIST_STATE,
  matToSort,
  sortToMat,
  withFilters,
} from './client-list-state';

describe('client list state ↔ query parameters', () => {
  it('reads a shared address into the same filters, sort and page', () => {
    const state = clientStateFromParams({
      q: ' Анна ',
      hasPurchases: 'yes',
      lastFrom: '2026-01-01',
      lastTo: '2026-03-31',
      sort: '-lastInteractionAt',
      page: '3',
      pageSize: '100',
      activity: 'Опт',
    });
    expect(state).toEqual({
      q: 'Анна',
      activity: 'Опт',
      hasPurchases: 'yes',
      lastFrom: '2026-01-01',
      lastTo: '2026-03-31',
      sort: '-lastInteractionAt',
      page: 3,
      pageSize: 100,
    });
  });

  it('falls back to defaults for malformed values instead of sending them to the API', () => {
    const state = clientStateFromParams({
      sort: 'password',
      page: '-2',
      pageSize: '100000',
      hasPurchases: 'maybe',
      lastFrom: '01.02.2026',
    });
    expect(state).toEqual(EMPTY_CLIENT_LIST_STATE);
  });

  it('round-trips through the URL and leaves defaults out of it', () => {
    const state = withFilters(EMPTY_CLIENT_LIST_STATE, { q: 'ivan', hasPurchases: 'no' });
    const params = clientStateToParams(state);
    expect(params).toEqual({
      q: 'ivan',
      activity: null,
      hasPurchases: 'no',
      lastFrom: null,
      lastTo: null,
      sort: null,
      page: null,
      pageSize: null,
    });
    const stripped = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== null));
    expect(clientStateFromParams(stripped)).toEqual(state);
  });

  it('goes back to page 1 when a filter changes', () => {
    const onPage4 = { ...EMPTY_CLIENT_LIST_STATE, page: 4 };
    expect(withFilters(onPage4, { q: 'x' }).page).toBe(1);
  });

  it('maps the filters to the API names', () => {
    const params = clientApiParams({
      ...EMPTY_CLIENT_LIST_STATE,
      hasPurchases: 'no',
      lastFrom: '2026-01-01',
      page: 2,
    });
    expect(params).toMatchObject({
      hasPurchases: false,
      lastInteractionFrom: '2026-01-01',
      page: 2,
      pageSize: 50,
      sort: '-createdAt',
    });
  });

  it('converts between the API sort and mat-sort', () => {
    expect(sortToMat('-name')).toEqual({ active: 'name', direction: 'desc' });
    expect(matToSort('name', 'asc')).toBe('name');
    expect(matToSort('name', '')).toBe('-createdAt');
  });
});
