import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';
import { coded, type ErrorCode } from '@crm/shared/contracts';

/**
 * The pipe of a path id (`:saleId`, `:reportId`…): one that is not a UUID names nothing, so it
 * answers 404 with the code of what it names, like another company's id would.
 *
 *   export const saleIdPipe = pathIdPipe('sale_not_found', 'Sale not found');
 */
export const pathIdPipe = (code: ErrorCode, message: string): ParseUUIDPipe =>
  new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException(coded(code, message)) });
