import { QueryFailedError } from 'typeorm';

/** A batch saw a row appear that a concurrent transaction inserted after this one looked: retry. */
export class ConcurrentInsertError extends Error {
  constructor() {
    super('A concurrent transaction inserted one of the rows of this batch');
  }
}

const RETRYABLE_CODES = new Set(['40P01' /* deadlock_detected */, '40001' /* serialization_failure */]);

function retryable(error: unknown): boolean {
  if (error instanceof ConcurrentInsertError) return true;
  return error instanceof QueryFailedError && RETRYABLE_CODES.has((error.driverError as { code?: string }).code ?? '');
}

/** Runs a whole transaction again (up to `attempts` times) when it lost a race it can simply repeat. */
export async function withRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
    }
  }
}
