import { BOTTOM_BAR_ITEMS } from './nav-items';

describe('the phone bar', () => {
  it('has the six sections that fit 360 px with their labels whole: deals and tasks in, reports and the key left to the start tiles', () => {
    expect(BOTTOM_BAR_ITEMS.map((item) => item.path)).toEqual([
      '/',
      '/clients',
      '/deals',
      '/sales',
      '/tasks',
      '/company',
    ]);
  });
});
