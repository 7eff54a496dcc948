export const SALE_STATUSES = ['pending', 'paid', 'cancelled', 'refunded'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];
/** The status of a sale created without one. */
export const DEFAULT_SALE_STATUS: SaleStatus = 'paid';
