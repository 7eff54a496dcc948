import { QueryFailedError } from 'typeorm';

/** The fields of a PostgreSQL error that name what failed without the values involved. */
interface DriverError {
  code?: string;
  table?: string;
  column?: string;
  constraint?: string;
  routine?: string;
}

/** SQLSTATEs that say "not now" rather than "not this": a retry shortly after may succeed. */
const TRANSIENT_CODES = new Set([
  '57014', // query_canceled (statement timeout)
  '57P01', // admin_shutdown (backend terminated, server restarting)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);
/** Socket errors of a database that went away or is not there yet. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** node-postgres's and pg-pool's messages for a lost or unobtainable connection. */
const CONNECTION_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end',
  'Connection is not established',
];

function driverErrorOf(error: unknown): (DriverError & { message?: string }) | undefined {
  if (error instanceof QueryFailedError) return error.driverError as DriverError;
  return error !== null && typeof error === 'object' ? (error as DriverError) : undefined;
}

/**
 * True when the database could not answer now: unreachable or restarting, no pool connection in
 * time, the statement cancelled by the statement timeout, a deadlock. The request can be retried
 * as sent (503 with Retry-After), where a 500 would say the request itself is at fault.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const driver = driverErrorOf(error);
  if (!driver) return false;
  const code = driver.code ?? '';
  if (TRANSIENT_CODES.has(code) || code.startsWith('08') || SOCKET_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return CONNECTION_MESSAGES.some((m) => message.includes(m));
}

/** True for a statement cancelled by the statement timeout (or by the client going away). */
export function isStatementCancelled(error: unknown): boolean {
  return driverErrorOf(error)?.code === '57014';
}

/**
 * What went wrong, for logs: the error's class and SQLSTATE with the table, column and constraint
 * it names. Never the SQL parameters, and never the driver's message or detail, which quote values
 * (`Key (login)=(anna) already exists`, `invalid input syntax for type uuid: "…"`).
 */
export function describeDatabaseError(error: unknown): string | undefined {
  const isQueryError = error instanceof QueryFailedError;
  const driver = driverErrorOf(error);
  if (!driver || (!isQueryError && !driver.code)) return undefined;
  if (!isQueryError && !/^[0-9A-Z]{5}$/.test(driver.code ?? '') && !SOCKET_CODES.has(driver.code ?? '')) {
    return undefined;
  }
  const parts = [isQueryError ? 'QueryFailedError' : (error as Error).constructor?.name || 'Error'];
  if (driver.code) parts.push(driver.code);
  for (const key of ['table', 'column', 'constraint', 'routine'] as const) {
    if (driver[key]) parts.push(`${key}=${driver[key]}`);
  }
  return parts.join(' ');
}
