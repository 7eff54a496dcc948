import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ErrorCode, ErrorResponse, FieldError } from '@crm/shared/contracts';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { isDatabaseUnavailable, isStatementCancelled } from '../database/db-errors';
import { describeFailure, RETRY_AFTER_SECONDS } from './failure-log';
import { TooManyRequestsException } from './too-many-requests.exception';
import { InvalidInputException } from './validation';

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  message?: string;
}

/**
 * Turns every error into the contract's shape `{statusCode, error, message, details?, code}`: the
 * exception's own code (`coded(...)`) or the one of its status.
 * Anything that is not an HttpException is a bug: it is logged with its stack and answered 500
 * without internals.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toErrorResponse(exception);
    if (body.statusCode >= 500) {
      const line = describeFailure(exception, host.switchToHttp().getRequest());
      if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) this.logger.warn(line);
      else this.logger.error(line);
    }
    if (response.headersSent) return;
    if (exception instanceof TooManyRequestsException) {
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    }
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', RETRY_AFTER_SECONDS);
    response.status(body.statusCode).json(body);
  }

  private toErrorResponse(exception: unknown): ErrorResponse {
    if (exception instanceof InvalidInputException) {
      return this.shape(HttpStatus.BAD_REQUEST, describe(exception.details), exception.details, exception.code);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string'
          ? payload
          : ((payload as { message?: string | string[] }).message ?? exception.message);
      const details = typeof payload === 'object' ? (payload as { details?: FieldError[] }).details : undefined;
      const code = typeof payload === 'object' ? (payload as { code?: unknown }).code : undefined;
      return this.shape(
        status,
        Array.isArray(message) ? message.join('; ') : message,
        details,
        typeof code === 'string' ? code : undefined,
      );
    }
    // body-parser (JSON syntax, size, encoding) reports client errors with a status and `expose`.
    const parserError = exception as BodyParserError;
    if (parserError?.expose && parserError.status && parserError.status >= 400 && parserError.status < 500) {
      const message =
        parserError.type === 'entity.too.large'
          ? 'Request body is too large'
          : parserError.type === 'entity.parse.failed'
            ? 'Request body is not valid JSON'
            : (parserError.message ?? 'Bad request');
      return this.shape(
        parserError.status,
        message,
        undefined,
        parserError.type === 'entity.parse.failed' ? 'invalid_json' : undefined,
      );
    }
    // The database restarting, unreachable, out of pool connections or past the statement
    // timeout: the request was fine and can be sent again (the integration client retries 503s).
    if (isDatabaseUnavailable(exception)) {
      const message = isStatementCancelled(exception)
        ? 'The request took too long and was cancelled; try again later'
        : 'The database is temporarily unavailable; try again shortly';
      return this.shape(HttpStatus.SERVICE_UNAVAILABLE, message);
    }
    return this.shape(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }

  private shape(statusCode: number, message: string, details?: FieldError[], code?: string): ErrorResponse {
    return {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message,
      ...(details && details.length > 0 ? { details } : {}),
      code: code ?? STATUS_ERROR_CODES[statusCode] ?? (statusCode >= 500 ? 'internal_error' : 'bad_request'),
    };
  }
}

/** The code of an answer that has no more specific one. */
const STATUS_ERROR_CODES: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  500: 'internal_error',
  503: 'service_unavailable',
};

function describe(details: FieldError[]): string {
  if (details.length === 0) return 'Validation failed';
  return details.map((d) => `${d.field}: ${d.messages.join(', ')}`).join('; ');
}
