import { AnalyticsWarningResponse } from './analytics-warning-response';

export class ProductRevenueResponse {
  /** The item's SKU; items without one are grouped by name. @example "85123A" */
  sku!: string | null;
  /** The most recent name of the product. @example "Подсвечник «Сердце»" */
  name!: string;
  /** Units sold. @example 124.5 */
  quantity!: number;
  /** Sum of quantity × unitPrice of the counted sales' items, converted. @example "31620.00" */
  revenue!: string;
  /** Counted sales that contain the product. @example 37 */
  salesCount!: number;
}

/** `analytics/products`: revenue by product from the items of counted sales, descending. */
export class ProductRevenueListResponse {
  /** @example "RUB" */
  currency!: string;
  /** @example "2026-10-22" */
  from!: string;
  /** @example "2026-11-20" */
  to!: string;
  items!: ProductRevenueResponse[];
  warnings!: AnalyticsWarningResponse[];
}
