import type { Request } from 'express';
import { describeDatabaseError } from '../database/db-errors';
import type { CrmRequest } from '../security/request-context';

/** Seconds a client is asked to wait before retrying a request the database could not answer. */
export const RETRY_AFTER_SECONDS = '2';

/**
 * One log line for a request that failed on the server: the route (its pattern, not its values),
 * the ids of who asked for which company, and the error's kind. A database error is told by its
 * SQLSTATE and the table, column and constraint it names, never its SQL parameters or message (which
 * quote values: a password hash, a client's name); any other error keeps its stack, which is what a
 * bug report needs.
 */
export function describeFailure(exception: unknown, request?: Request): string {
  const req = request as CrmRequest | undefined;
  const route = req ? `${req.method} ${routePattern(req)}` : 'outside a request';
  const who = [
    req?.user?.id && `user=${req.user.id}`,
    req?.companyScope?.companyId && `company=${req.companyScope.companyId}`,
    req?.companyScope?.apiKeyId && `apiKey=${req.companyScope.apiKeyId}`,
  ].filter(Boolean);
  const kind =
    describeDatabaseError(exception) ??
    (exception instanceof Error ? (exception.stack ?? `${exception.name}: ${exception.message}`) : typeof exception);
  return `${route}${who.length > 0 ? ` (${who.join(' ')})` : ''}: ${kind}`;
}

function routePattern(req: Request): string {
  const pattern = (req.route as { path?: string } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl ?? ''}${pattern}`;
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}
