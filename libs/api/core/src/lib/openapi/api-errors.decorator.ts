import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorResponse } from '@crm/shared/contracts';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `details` names each bad field',
  401: 'Missing or invalid credentials',
  403: 'Authenticated but not allowed',
  404: 'Not found, or belongs to another company',
  409: 'Conflict with the current state',
  413: 'Body or batch too large',
  429: 'Rate limited; retry after `Retry-After` seconds',
};

const ERROR_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
};

const MESSAGES: Record<number, string> = {
  400: 'Validation failed',
  401: 'Missing or invalid credentials',
  403: 'Only an owner or admin may do this',
  404: 'Not found',
  409: 'externalId is already used in this company',
  413: 'A batch holds at most 5000 items; this one has 5200. Send it in parts.',
  429: 'Rate limit of this API key exceeded; retry in 17 s',
};

/** A media-level example of the contract's error shape for `status`. */
export function errorExample(status: number): Record<string, unknown> {
  return {
    statusCode: status,
    error: ERROR_NAMES[status] ?? 'Error',
    message: MESSAGES[status] ?? 'Error',
    ...(status === 400 ? { details: [{ field: 'email', messages: ['email must look like name@domain'] }] } : {}),
  };
}

/** `Retry-After` of a 429 (and of a 503 while the database is away). */
export const RETRY_AFTER_HEADER = {
  'Retry-After': {
    description: 'Seconds to wait before sending the request again',
    schema: { type: 'integer', minimum: 1, example: 17 },
  },
};

/** Documents the given error answers with the contract's error shape and an example of each. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        schema: { $ref: getSchemaPath(ErrorResponse) },
        example: errorExample(status),
        ...(status === 429 ? { headers: RETRY_AFTER_HEADER } : {}),
      }),
    ),
  );
}
