import { ConflictException } from '@nestjs/common';
import { coded, type ErrorCode } from '@crm/shared/contracts';
import { QueryFailedError } from 'typeorm';

/** True when the error is PostgreSQL's unique_violation, optionally on the named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}

/**
 * Runs a write and answers 409 with the code given for the unique constraint (or index) it broke:
 * `{ [EXTERNAL_ID_KEY]: ['sale_external_id_taken', 'A sale with this externalId exists'] }`.
 * Any other error, a unique violation on a constraint not named here too, passes through.
 */
export async function withUniqueConflicts<T>(
  write: () => Promise<T>,
  conflicts: Readonly<Record<string, readonly [code: ErrorCode, message: string]>>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    for (const [constraint, [code, message]] of Object.entries(conflicts)) {
      if (isUniqueViolation(error, constraint)) throw new ConflictException(coded(code, message));
    }
    throw error;
  }
}
