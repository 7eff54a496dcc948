import { SqlParams } from '@crm/api/core';
import { keysetPage, keysetPages, type PageEnd, type SortKey } from './keyset';

const name: SortKey = { expression: 'lower(c.name)', type: 'text', nullable: true, descending: false, id: 'c.id' };
const soldAt: SortKey = { expression: 's.sold_at', type: 'timestamptz', nullable: false, descending: true, id: 's.id' };

describe('keysetPage', () => {
  it('reads the rows with a key first, by an indexable row comparison', () => {
    const p = new SqlParams();
    expect(keysetPage(name, 'keys', { key: 'ann', id: 'x' }, p)).toEqual({
      where: ['lower(c.name) IS NOT NULL', '(lower(c.name), c.id) > ($1::text, $2::uuid)'],
      orderBy: 'lower(c.name) ASC, c.id ASC',
    });
    expect(p.values).toEqual(['ann', 'x']);
  });

  it('then the rows without a key, by id', () => {
    expect(keysetPage(name, 'nulls', undefined, new SqlParams())).toEqual({
      where: ['lower(c.name) IS NULL'],
      orderBy: 'lower(c.name) ASC, c.id ASC',
    });
    expect(keysetPage(name, 'nulls', { key: null, id: 'x' }, new SqlParams()).where).toEqual([
      'lower(c.name) IS NULL',
      'c.id > $1::uuid',
    ]);
  });

  it('compares descending keys with < and reads timestamps back exactly', () => {
    expect(keysetPage(soldAt, 'keys', { key: '2026-11-20 10:15:00.123456+00', id: 'y' }, new SqlParams())).toEqual({
      where: ['(s.sold_at, s.id) < ($1::timestamptz, $2::uuid)'],
      orderBy: 's.sold_at DESC, s.id DESC',
    });
  });
});

describe('keysetPage with a leading float8 image of a numeric key', () => {
  const amount: SortKey = {
    expression: 'b.base_amount',
    type: 'numeric',
    nullable: true,
    descending: true,
    id: 'b.sale_id',
    lead: 'b.base_amount_order',
  };

  it('bounds the page by the image first (leakproof, an index condition), then compares exactly', () => {
    const p = new SqlParams();
    expect(keysetPage(amount, 'keys', { key: '1125.00', id: 'z' }, p)).toEqual({
      where: [
        'b.base_amount_order IS NOT NULL',
        'b.base_amount_order <= ($1::numeric)::float8',
        '(b.base_amount_order, b.base_amount, b.sale_id) < (($1::numeric)::float8, $1::numeric, $2::uuid)',
      ],
      orderBy: 'b.base_amount_order DESC, b.base_amount DESC, b.sale_id DESC',
    });
    expect(p.values).toEqual(['1125.00', 'z']);
  });

  it('orders the rows without a key by the same index', () => {
    expect(keysetPage(amount, 'nulls', undefined, new SqlParams()).orderBy).toBe(
      'b.base_amount_order DESC, b.base_amount DESC, b.sale_id DESC',
    );
  });
});

describe('keysetPages', () => {
  /** A table of rows sorted as the database would, paged by `keysetPage`'s rules. */
  const table = [
    { id: 'a', sortKey: 'x' },
    { id: 'b', sortKey: 'x' },
    { id: 'c', sortKey: 'y' },
    { id: 'd', sortKey: null },
    { id: 'e', sortKey: null },
  ];
  const fetch = (calls: string[]) => async (phase: 'keys' | 'nulls', end: PageEnd | undefined) => {
    calls.push(`${phase}:${end?.id ?? '-'}`);
    const rows = table.filter((r) => (phase === 'keys' ? r.sortKey !== null : r.sortKey === null));
    const start = end ? rows.findIndex((r) => r.id === end.id) + 1 : 0;
    return rows.slice(start, start + 2);
  };

  it('returns every row once, keys first, then NULLs', async () => {
    const calls: string[] = [];
    const ids: string[] = [];
    for await (const page of keysetPages(name, 2, fetch(calls))) ids.push(...page.map((r) => r.id));
    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(calls).toEqual(['keys:-', 'keys:b', 'nulls:-', 'nulls:e']);
  });

  it('skips the NULL phase for a column without NULLs', async () => {
    const calls: string[] = [];
    for await (const page of keysetPages(soldAt, 2, fetch(calls))) expect(page.length).toBeGreaterThan(0);
    expect(calls).toEqual(['keys:-', 'keys:b']);
  });
});
