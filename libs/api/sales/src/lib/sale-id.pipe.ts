import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';
import { coded } from '@crm/shared/contracts';

/** `:saleId` that is not a UUID names no sale: 404, like another company's id. */
export const saleIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new NotFoundException(coded('sale_not_found', 'Sale not found')),
});
