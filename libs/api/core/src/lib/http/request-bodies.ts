import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { refuseDeepJson } from './json-depth';

/** swagger's `@ApiConsumes(...)` metadata: the media types a route takes instead of JSON. */
const API_CONSUMES = 'swagger/apiConsumes';

const isJson = (type: string) => type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type);

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * A request body in a media type the route does not read would be ignored (a `text/plain` POST
 * created an empty client): 415 instead. Routes take JSON unless `@ApiConsumes` names other types
 * (the CSV upload takes `multipart/form-data`); requests without a body pass.
 */
@Injectable()
export class BodyMediaTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    if (hasBody(req)) {
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      const consumes = this.reflector.getAllAndOverride<string[] | undefined>(API_CONSUMES, [
        context.getHandler(),
        context.getClass(),
      ]);
      const accepted = consumes ? consumes.includes(type) : isJson(type);
      if (!accepted) {
        const expected = consumes ? consumes.join(' or ') : 'application/json';
        throw new UnsupportedMediaTypeException(`Request body must be ${expected}, not ${type || 'untyped'}`);
      }
    }
    return next.handle();
  }
}

/**
 * JSON bodies up to `limit`, refused (400) when nested deeper than `MAX_JSON_DEPTH`, and bodies of
 * any other media type refused (415) unless the route declares it.
 */
export function configureRequestBodies(app: NestExpressApplication, limit: string): void {
  app.useBodyParser('json', { limit, verify: refuseDeepJson() });
  app.useGlobalInterceptors(new BodyMediaTypeInterceptor(app.get(Reflector)));
  answerMalformedRequests(app.getHttpServer() as Server);
}

/**
 * Requests Node's HTTP parser refuses before the app sees them (a request line or headers over
 * 16 KB, a malformed request) get the contract's error shape too, instead of a bare status line.
 */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify({
      statusCode: status,
      error: status === 431 ? 'Request Header Fields Too Large' : 'Bad Request',
      message: status === 431 ? 'The request line and headers must stay under 16 KB' : 'Malformed HTTP request',
    });
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  });
}
