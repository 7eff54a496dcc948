import { BOTTOM_BAR_ITEMS } from './nav-items';

describe('the phone bar', () => {
  it('has the six sections that fit 360 px with their labels whole: reports in, import left to the side navigation', () => {
    expect(BOTTOM_BAR_ITEMS.map((item) => item.path)).toEqual([
      '/',
      '/clients',
      '/sales',
      '/reports',
      '/keys',
      '/company',
    ]);
  });
});
