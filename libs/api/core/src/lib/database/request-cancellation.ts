import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';

const requests = new AsyncLocalStorage<AbortSignal>();

/**
 * Express middleware: the rest of the request runs with an AbortSignal that fires when the client
 * goes away before the response was sent (closed tab, timed-out integration client, proxy).
 */
export function requestSignalMiddleware(req: Request, res: Response, next: NextFunction): void {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  req.once('aborted', () => controller.abort());
  requests.run(controller.signal, next);
}

/** The signal of the HTTP request being handled, if any (none in background work). */
export function currentRequestSignal(): AbortSignal | undefined {
  return requests.getStore();
}

interface PgClientLike {
  processID?: number;
  secretKey?: number;
  activeQuery?: unknown;
  connectionParameters?: ConstructorParameters<typeof Client>[0];
}

/**
 * While `runner` works for the current HTTP request, a client that goes away cancels the statement
 * running on its connection (PostgreSQL's cancel request, answered with SQLSTATE 57014), so an
 * abandoned request gives its pool connection back at once instead of running to the end.
 * Returns the function that stops watching; a no-op outside a request.
 */
export function cancelOnRequestAbort(runner: QueryRunner): () => void {
  const signal = currentRequestSignal();
  if (!signal) return () => undefined;
  const cancel = () => {
    const client = (runner as unknown as { databaseConnection?: PgClientLike }).databaseConnection;
    if (!client?.activeQuery || client.processID === undefined || !client.connectionParameters) return;
    // A separate connection only carries the cancel message; it is never authenticated.
    const canceller = new Client(client.connectionParameters) as unknown as {
      connection: { on(event: 'error', listener: () => void): void };
      cancel(c: unknown, q: unknown): void;
    };
    // Best effort: a cancel that cannot be delivered leaves the statement timeout to end the query.
    canceller.connection.on('error', () => undefined);
    canceller.cancel(client, client.activeQuery);
  };
  if (signal.aborted) {
    cancel();
    return () => undefined;
  }
  signal.addEventListener('abort', cancel, { once: true });
  return () => signal.removeEventListener('abort', cancel);
}
