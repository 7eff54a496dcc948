import { ClientSummaryResponse } from '../clients/client-response';
import type { SaleKind } from './sale-kind';
import type { SaleStatus } from './sale-status';

export class SaleItemResponse {
  /** @example "85123A" */
  sku!: string | null;
  /** @example "Подсвечник «Сердце»" */
  name!: string;
  /** @example 6 */
  quantity!: number;
  /** The currency's minor digits, more (up to 4) when the price has them. @example "255.00" */
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
  /** `sale` or `return`. @example "sale" */
  kind!: SaleKind;
  /** For a return, the original sale's `id` (web API) or `externalId` (integration API); otherwise null. @example null */
  returnOf!: string | null;
  items!: SaleItemResponse[];
  /** @example "2026-11-20T07:16:00.000Z" */
  createdAt!: string;
  /** @example "2026-11-20T07:16:00.000Z" */
  updatedAt!: string;
}

/** A sale with its buyer: `GET /sales/:saleId`. */
export class SaleDetailResponse extends SaleResponse {
  client!: ClientSummaryResponse;
  /** The returns of this sale, oldest first (empty for a return). */
  returns!: SaleResponse[];
  /** The original sale of a return (null for a sale). */
  original!: SaleResponse | null;
  /** Remarks on what was stored as sent (POST and PATCH only), e.g. an amount that differs from the items' total. */
  warnings?: string[];
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
