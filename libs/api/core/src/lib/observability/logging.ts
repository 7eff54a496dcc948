import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamicModule } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/** Nest's level names, as pino calls them. */
const PINO_LEVELS: Record<AppConfig['logLevel'], string> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** A caller's `X-Request-Id` is kept when it is a plain token; otherwise the API makes one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** The path without its query: queries carry search words (names, e-mails) and tokens. */
function pathOf(url: string | undefined): string {
  const path = (url ?? '').split('?', 1)[0];
  return path.length > 512 ? `${path.slice(0, 512)}…` : path;
}

/**
 * Structured JSON logs (pino), one line per event, each request's lines tied by its request id,
 * which the response returns as `X-Request-Id`. A request is logged by method, path (no query),
 * status and time; never its headers, body or query, so neither secrets (tokens, API keys, passwords)
 * nor personal data reach the log. Health checks, metrics scrapes and the web app's files are not
 * logged. Errors are logged by the error filter, by kind and ids (ADR 0001).
 */
export function loggingModule(config: AppConfig): DynamicModule {
  // Built apart and typed at the call: projects that compile this file with other pino typings in
  // scope (ts-jest in libraries that import core) see one option type, the bundle another.
  const pinoHttp = {
    level: PINO_LEVELS[config.logLevel],
    genReqId: requestId,
    autoLogging: {
      ignore: (req: IncomingMessage) => {
        const path = pathOf(req.url);
        return !path.startsWith('/api/') || path.startsWith('/api/health') || path === '/api/metrics';
      },
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      error || res.statusCode >= 500 ? 'error' : 'info',
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method} ${pathOf(req.url)} ${res.statusCode}`,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method} ${pathOf(req.url)} ${res.statusCode}`,
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        path: pathOf(req.url),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (error: { name?: string; code?: unknown }) => ({ type: error?.name, code: error?.code }),
    },
    // Belt and braces: should anything log a request's headers, these never print.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
      censor: '[redacted]',
    },
  };
  return LoggerModule.forRoot({ pinoHttp } as Params);
}
