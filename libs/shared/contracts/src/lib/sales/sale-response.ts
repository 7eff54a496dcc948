import { ClientSummaryResponse } from '../clients/client-response';
import type { SaleStatus } from './sale-status';

export class SaleItemResponse {
  /** @example "85123A" */
  sku!: string | null;
  /** @example "Подсвечник «Сердце»" */
  name!: string;
  /** @example 6 */
  quantity!: number;
  /** With exactly the currency's minor digits. @example "255.00" */
  unitPrice!: string;
}

export class SaleResponse {
  id!: string;
  /** @example "INV-536365" */
  externalId!: string | null;
  clientId!: string;
  /** With exactly the currency's minor digits. @example "1234.50" */
  amount!: string;
  /** @example "RUB" */
  currency!: string;
  /** @example "2026-11-20T07:15:00.000Z" */
  soldAt!: string;
  /** @example "paid" */
  status!: SaleStatus;
  items!: SaleItemResponse[];
  /** @example "2026-11-20T07:16:00.000Z" */
  createdAt!: string;
  /** @example "2026-11-20T07:16:00.000Z" */
  updatedAt!: string;
}

/** A sale with its buyer: `GET /sales/:saleId`. */
export class SaleDetailResponse extends SaleResponse {
  client!: ClientSummaryResponse;
}

/** A row of `GET /sales`: the sale with its buyer. */
export class SaleListItemResponse extends SaleResponse {
  client!: ClientSummaryResponse;
}

export class SalePageResponse {
  items!: SaleListItemResponse[];
  /** @example 1234 */
  total!: number;
  /** @example 1 */
  page!: number;
  /** @example 50 */
  pageSize!: number;
}
