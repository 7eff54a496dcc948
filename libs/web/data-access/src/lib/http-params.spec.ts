import { toHttpParams } from './http-params';

describe('toHttpParams', () => {
  it('leaves out null, undefined and empty values and keeps false and 0', () => {
    const params = toHttpParams({ q: 'ann', status: null, currency: undefined, segment: '', archived: false, page: 0 });
    expect(params.toString()).toBe('q=ann&archived=false&page=0');
  });

  it('leaves out the keys it is told to skip', () => {
    const params = toHttpParams({ q: 'ann', page: 2, pageSize: 50 }, ['page', 'pageSize']);
    expect(params.keys()).toEqual(['q']);
  });
});
