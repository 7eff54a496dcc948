import {
  DEFAULT_DEALS_VIEW,
  dealListParams,
  dealsViewFromParams,
  dealsViewToParams,
  effectiveOwner,
} from './deals-view-state';

describe('deals page state ↔ URL', () => {
  it('reads the view, pipeline, owner filter, sort and paging from a shared address', () => {
    expect(
      dealsViewFromParams({ view: 'list', pipelineId: 'p1', mine: '1', sort: '-amount', page: '3', pageSize: '25' }),
    ).toEqual({
      ...DEFAULT_DEALS_VIEW,
      view: 'list',
      pipelineId: 'p1',
      mine: true,
      sort: '-amount',
      page: 3,
      pageSize: 25,
    });
  });

  it('drops what the API would reject', () => {
    expect(dealsViewFromParams({ view: 'grid', sort: 'stage', page: '-1', pageSize: '7' })).toEqual(DEFAULT_DEALS_VIEW);
  });

  it('keeps only what differs from the defaults in the URL and reads it back the same', () => {
    const state = { ...DEFAULT_DEALS_VIEW, view: 'list' as const, mine: true };
    const params = dealsViewToParams(state);
    expect(params).toMatchObject({ view: 'list', mine: '1', sort: null, page: null });
    const present = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== null));
    expect(dealsViewFromParams(present)).toEqual(state);
  });

  it('filters «my deals» by the signed-in user, over any chosen owner', () => {
    expect(effectiveOwner({ ...DEFAULT_DEALS_VIEW, mine: true, ownerId: 'u2' }, 'me')).toBe('me');
    expect(effectiveOwner({ ...DEFAULT_DEALS_VIEW, ownerId: 'u2' }, 'me')).toBe('u2');
    expect(dealListParams({ ...DEFAULT_DEALS_VIEW, page: 2 }, 'p1', 'u2')).toMatchObject({
      pipelineId: 'p1',
      ownerId: 'u2',
      page: 2,
      pageSize: 50,
    });
  });
});
