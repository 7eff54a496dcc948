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

/** Documents the given error answers with the contract's error shape. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        schema: { $ref: getSchemaPath(ErrorResponse) },
      }),
    ),
  );
}
