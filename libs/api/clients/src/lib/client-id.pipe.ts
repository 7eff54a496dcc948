import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';

/** `:clientId` that is not a UUID names no client: 404, like another company's id. */
export const clientIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('Client not found') });
