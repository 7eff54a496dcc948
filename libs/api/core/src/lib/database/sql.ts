import type { EntityManager } from 'typeorm';
import type { CompanyScope } from '../security/request-context';

/**
 * Runs a statement and returns its rows. TypeORM answers UPDATE and DELETE with `[rows, count]`
 * and everything else with `rows`; this hides the difference.
 */
export async function queryRows<T>(m: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await m.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** «ё» and «Ё» as «е» and «Е»: search treats them as one letter, as Russian readers do. */
export const foldYo = (text: string): string => text.replace(/ё/g, 'е').replace(/Ё/g, 'Е');

/** `%text%` for ILIKE, with the pattern characters of `text` escaped and «ё» read as «е». */
export function containsPattern(text: string): string {
  return `%${foldYo(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * True when any of `columns` contains the text of `pattern` (a parameter holding a
 * {@link containsPattern}), case-insensitively and with «ё» read as «е» on both sides.
 */
export const containsAny = (columns: readonly string[], pattern: string): string =>
  `(${columns.map((column) => `translate(${column}, 'ёЁ', 'еЕ') ILIKE ${pattern}`).join(' OR ')})`;

/** Collects positional parameters while a statement is assembled: `where.push(\`x = ${p.add(v)}\`)`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The start of a company-local day as a timestamptz expression (`$1` is the company id). */
export const companyDayStart = (dateParam: string, plusDays = 0) =>
  `((${dateParam}::date + ${plusDays})::timestamp AT TIME ZONE (SELECT time_zone FROM companies WHERE id = $1))`;

/** ISO text of a timestamp column, or null. */
export const iso = (value: Date | string | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString();

/**
 * Takes the company's write lock, shared, for the rest of the transaction `m`. Every transaction
 * that writes `clients` or `sales` takes it first, before its first write (the change feed's horizon
 * is the oldest transaction holding it, see `feedHorizon`); writers do not wait for each other (the feed's
 * order no longer needs them to, see the ChangeFeedXid migration), but a job that needs the
 * company's rows to hold still — the analytics rebuild — takes it exclusively and waits for the
 * writers in flight, and new writers wait for it. Re-entrant; other companies are not blocked.
 */
export async function lockCompanyWrites(m: EntityManager, scope: CompanyScope): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))`, [companyWritesLockName(scope)]);
}

/**
 * The name of the company's write lock (the advisory lock key is `hashtextextended(name, 0)`). The
 * change feed reads who holds it (`feedHorizon`): it must be the first thing a writing transaction
 * does, before anything gives the transaction an id.
 */
export function companyWritesLockName(scope: CompanyScope): string {
  return `crm.company-writes:${scope.companyId}`;
}
