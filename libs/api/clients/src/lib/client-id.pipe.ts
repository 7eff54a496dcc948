import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';
import { coded } from '@crm/shared/contracts';

/** `:clientId` that is not a UUID names no client: 404, like another company's id. */
export const clientIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new NotFoundException(coded('client_not_found', 'Client not found')),
});
