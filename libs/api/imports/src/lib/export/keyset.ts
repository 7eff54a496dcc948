/**
 * Keyset paging for exports: pages of a list in the list's own order (`ORDER BY key dir NULLS
 * LAST, id dir`), each page starting after the last row of the previous one. No OFFSET and no
 * long transaction or held cursor (safe on the embedded database, where one session serves every
 * request). A page is a row comparison `(key, id) > (…)` that the `(company_id, key, id)` indexes
 * answer directly — an `OR` of conditions would read the whole company on every page — so the
 * rows with a key are read first and, for a nullable key, the rows without one after them.
 */
import type { SqlParams } from '@crm/api/core';

export interface SortKey {
  /** SQL expression of the sort column. */
  expression: string;
  /** Its SQL type, to read the previous page's key back exactly (timestamps keep microseconds). */
  type: 'text' | 'timestamptz' | 'numeric';
  nullable: boolean;
  descending: boolean;
  /** SQL expression of the tie-breaker, a unique uuid column. */
  id: string;
  /**
   * A stored `float8` image of a key whose comparisons are not leakproof (numeric): monotone in the
   * key and NULL exactly when it is. It leads the order, and a page is bounded by it first, so the
   * bound is an index condition under the tenant policies (see ADR 0001); the exact comparison of
   * the key follows as a filter over the few rows that share the bound.
   */
  lead?: string;
}

/** Rows with a key (in key order), then rows without one (in id order). */
export type KeysetPhase = 'keys' | 'nulls';

/** Where the previous page ended: the sort key as text (null for a NULL key) and the row id. */
export interface PageEnd {
  key: string | null;
  id: string;
}

export interface PageQuery {
  where: string[];
  orderBy: string;
}

/** The conditions and order of the page after `end` (the first page without it) in `phase`. */
export function keysetPage(sort: SortKey, phase: KeysetPhase, end: PageEnd | undefined, p: SqlParams): PageQuery {
  const dir = sort.descending ? 'DESC' : 'ASC';
  const cmp = sort.descending ? '<' : '>';
  const lead = sort.lead ? `${sort.lead} ${dir}, ` : '';
  const orderBy = `${lead}${sort.expression} ${dir}, ${sort.id} ${dir}`;
  if (phase === 'nulls') {
    // The lead is NULL exactly when the key is, and comes first in the index: a seek, not a walk.
    const where = [`${sort.lead ?? sort.expression} IS NULL`];
    if (end) where.push(`${sort.id} ${cmp} ${p.add(end.id)}::uuid`);
    // The key (NULL throughout) leads the order too, so a `(company_id, key, id)` index serves it
    // in both directions (a descending scan has the NULLs first).
    return { where, orderBy };
  }
  const where = sort.nullable ? [`${sort.lead ?? sort.expression} IS NOT NULL`] : [];
  if (end) {
    const key = `${p.add(end.key)}::${sort.type}`;
    // A cast of a parameter is no condition on a column: the bound below stays leakproof.
    if (sort.lead) where.push(`${sort.lead} ${cmp}= (${key})::float8`);
    const row = sort.lead ? `${sort.lead}, ${sort.expression}` : sort.expression;
    const after = sort.lead ? `(${key})::float8, ${key}` : key;
    where.push(`(${row}, ${sort.id}) ${cmp} (${after}, ${p.add(end.id)}::uuid)`);
  }
  return { where, orderBy };
}

export const sortKeyColumn = (sort: SortKey) => `(${sort.expression})::text AS "sortKey"`;

/**
 * Every page of a list, `pageSize` rows at a time; `fetch` runs one page query. The phases follow
 * each other so that the whole is in `ORDER BY key dir NULLS LAST, id dir` order, as the web list.
 */
export async function* keysetPages<R extends { id: string; sortKey: string | null }>(
  sort: SortKey,
  pageSize: number,
  fetch: (phase: KeysetPhase, end: PageEnd | undefined) => Promise<R[]>,
): AsyncGenerator<R[]> {
  const phases: KeysetPhase[] = sort.nullable ? ['keys', 'nulls'] : ['keys'];
  for (const phase of phases) {
    let end: PageEnd | undefined;
    for (;;) {
      const rows = await fetch(phase, end);
      if (rows.length > 0) yield rows;
      if (rows.length < pageSize) break;
      const last = rows[rows.length - 1];
      end = { key: last.sortKey, id: last.id };
    }
  }
}
