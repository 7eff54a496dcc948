import { pathIdPipe } from '@crm/api/core';

/** `:clientId` that is not a UUID names no client: 404, like another company's id. */
export const clientIdPipe = pathIdPipe('client_not_found', 'Client not found');
