/** Runs one statement and returns its rows (an EntityManager in a tenant transaction, a pg client or a test double). */
export type SqlRunner = <T = Record<string, unknown>>(text: string, params: readonly unknown[]) => Promise<T[]>;
