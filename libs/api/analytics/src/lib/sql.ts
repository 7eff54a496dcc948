/** Minimal helpers for hand-written, parameterised SQL. */

/** Runs one statement and returns its rows (an EntityManager, a pg client or a test double). */
export type SqlRunner = <T = Record<string, unknown>>(text: string, params: readonly unknown[]) => Promise<T[]>;

/** The one parameter collector of the API (`` `day >= ${p.add(from)}` ``), here beside the runners that take its values. */
export { SqlParams } from '@crm/api/core';

/** A PostgreSQL `bigint`/`numeric` count as a number (counts stay far below 2^53). */
export const count = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * Runs one statement with nested-loop joins off (`SET LOCAL`, so only inside the caller's
 * transaction), then on again. For the statements that join row sets the planner can only guess —
 * materialised CTEs of rates and rollup rows — where a row estimate of 1 (a never-analysed table,
 * issue 9) turns a nested loop into minutes: hash and merge joins cost the same whatever the
 * estimate. Probes that must stay per-row are written as `LATERAL (… OFFSET 0)` subqueries, which
 * only a nested loop can run, so they keep their index probes.
 */
export async function withoutNestedLoops<T>(sql: SqlRunner, text: string, params: readonly unknown[]): Promise<T[]> {
  await sql('SET LOCAL enable_nestloop = off', []);
  const rows = await sql<T>(text, params);
  // Not in a `finally`: after an error the transaction is aborted and rolled back anyway.
  await sql('SET LOCAL enable_nestloop = on', []);
  return rows;
}
