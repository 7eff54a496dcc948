import { pathIdPipe } from '@crm/api/core';

/** `:saleId` that is not a UUID names no sale: 404, like another company's id. */
export const saleIdPipe = pathIdPipe('sale_not_found', 'Sale not found');
