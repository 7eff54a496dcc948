import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';

/** `:saleId` that is not a UUID names no sale: 404, like another company's id. */
export const saleIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('Sale not found') });
