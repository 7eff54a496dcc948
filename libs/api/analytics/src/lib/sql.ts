/** Minimal helpers for hand-written, parameterised SQL. */

/** Runs one statement and returns its rows (an EntityManager, a pg client or a test double). */
export type SqlRunner = <T = Record<string, unknown>>(text: string, params: readonly unknown[]) => Promise<T[]>;

/** Collects positional parameters while a statement is assembled: `` `day >= ${p.add(from)}` ``. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A PostgreSQL `bigint`/`numeric` count as a number (counts stay far below 2^53). */
export const count = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
