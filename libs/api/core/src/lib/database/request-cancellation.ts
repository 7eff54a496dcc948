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
  connectionParameters?: { host: string; port: number };
}

interface PgConnection {
  on(event: 'error', listener: () => void): void;
  once(event: 'connect', listener: () => void): void;
  connect(portOrPath: number | string, host?: string): void;
  cancel(processID: number, secretKey: number): void;
  end(): void;
}

/**
 * While `runner` works for the current HTTP request, a client that goes away cancels the statement
 * running on its connection (PostgreSQL's cancel request, answered with SQLSTATE 57014), so an
 * abandoned request gives its pool connection back at once instead of running to the end.
 * Returns the function that stops watching — call it before COMMIT or ROLLBACK; a no-op outside a
 * request.
 */
export function cancelOnRequestAbort(runner: QueryRunner): () => void {
  const signal = currentRequestSignal();
  if (!signal) return () => undefined;
  const cancel = () => {
    const client = (runner as unknown as { databaseConnection?: PgClientLike }).databaseConnection;
    const params = client?.connectionParameters;
    if (client?.processID === undefined || client.secretKey === undefined || !params) return;
    // A connection of its own carries only the cancel message (never authenticated); best effort:
    // a cancel that cannot be delivered leaves the statement timeout to end the query.
    const connection = (new Client(params) as unknown as { connection: PgConnection }).connection;
    connection.on('error', () => undefined);
    connection.once('connect', () => connection.cancel(client.processID as number, client.secretKey as number));
    if (params.host.startsWith('/')) connection.connect(`${params.host}/.s.PGSQL.${params.port}`);
    else connection.connect(params.port, params.host);
  };
  if (signal.aborted) {
    cancel();
    return () => undefined;
  }
  signal.addEventListener('abort', cancel, { once: true });
  return () => signal.removeEventListener('abort', cancel);
}
