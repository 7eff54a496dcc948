/** A sale, or a return of (part of) an earlier sale (`returnOf`). */
export const SALE_KINDS = ['sale', 'return'] as const;
export type SaleKind = (typeof SALE_KINDS)[number];
/** The kind of a sale written without one. */
export const DEFAULT_SALE_KIND: SaleKind = 'sale';
