import {
  EMPTY_SALE_LIST_STATE,
  lastDays,
  saleApiParams,
  saleStateFromParams,
  saleStateToParams,
  withSaleFilters,
} from './sale-list-state';

describe('sale list state ↔ query parameters', () => {
  it('reads period, status, currency and amount range from a shared address', () => {
    const state = saleStateFromParams({
      from: '2026-01-01',
      to: '2026-01-31',
      status: 'refunded',
      currency: 'gbp',
      amountMin: '1 000,50',
      amountMax: '5000',
      sort: 'amount',
      page: '2',
    });
    expect(state).toMatchObject({
      from: '2026-01-01',
      to: '2026-01-31',
      status: 'refunded',
      currency: 'GBP',
      amountMin: '1000.50',
      amountMax: '5000',
      sort: 'amount',
      page: 2,
    });
  });

  it('drops values the API would reject', () => {
    expect(
      saleStateFromParams({
        status: 'stolen',
        currency: 'pounds',
        amountMin: '12,345',
        from: 'yesterday',
        sort: 'client',
      }),
    ).toEqual(EMPTY_SALE_LIST_STATE);
  });

  it('round-trips through the URL without the defaults', () => {
    const state = withSaleFilters(EMPTY_SALE_LIST_STATE, { status: 'paid', currency: 'EUR' });
    const params = saleStateToParams(state);
    expect(params['status']).toBe('paid');
    expect(params['sort']).toBeNull();
    const stripped = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== null));
    expect(saleStateFromParams(stripped)).toEqual(state);
    expect(saleApiParams(state)).toMatchObject({ status: 'paid', currency: 'EUR', page: 1, pageSize: 50 });
  });

  it('computes period presets inclusive of today', () => {
    expect(lastDays(30, new Date(2026, 10, 20))).toEqual({ from: '2026-10-22', to: '2026-11-20' });
    expect(lastDays(1, new Date(2026, 0, 1))).toEqual({ from: '2026-01-01', to: '2026-01-01' });
  });
});
