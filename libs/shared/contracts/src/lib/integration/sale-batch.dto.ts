import { IsArray, IsIn, IsOptional } from 'class-validator';
import { EXTERNAL_ID_MAX_LENGTH } from '../common/validation';
import { IsCurrency, IsMoney, IsText, IsTimestamp, ValidatedItemByItem } from '../common/validators';
import { SaleItemDto, SaleItemsField } from '../sales/sale-item.dto';
import { SALE_KINDS, type SaleKind } from '../sales/sale-kind';
import { SALE_STATUSES, type SaleStatus } from '../sales/sale-status';

/** One sale to upsert by `externalId`. A status left out keeps the stored one (`paid` for a new sale). */
export class SaleBatchItemDto {
  /** 1–128 characters; the key of the upsert. @example "INV-536365" */
  @IsText(1, EXTERNAL_ID_MAX_LENGTH)
  externalId!: string;

  /** The buyer's `externalId`; the client must exist in this company. @example "C-10042" */
  @IsText(1, EXTERNAL_ID_MAX_LENGTH)
  clientExternalId!: string;

  /** A decimal string (a JSON number is accepted too) with at most the currency's minor digits. @example "1234.50" */
  @IsMoney({ property: 'currency' })
  amount!: string;

  /** ISO 4217. @example "RUB" */
  @IsCurrency()
  currency!: string;

  /** @example "2026-11-20T10:15:00+03:00" */
  @IsTimestamp()
  soldAt!: string;

  /** @example "paid" */
  @IsOptional()
  @IsIn(SALE_STATUSES)
  status?: SaleStatus;

  /** `sale` (default) or `return`. @example "sale" */
  @IsOptional()
  @IsIn(SALE_KINDS)
  kind?: SaleKind;

  /**
   * For a return: the `externalId` of the original sale (same client and currency; it may come
   * earlier in the same batch). Amount, quantities and unit prices are positive, at most what the
   * original still has unreturned. @example "INV-536365"
   */
  @IsOptional()
  @IsText(1, EXTERNAL_ID_MAX_LENGTH)
  returnOf?: string | null;

  /** When given, replaces the stored items; omitted keeps them. */
  @IsOptional()
  @SaleItemsField()
  items?: SaleItemDto[];
}

/**
 * Up to 5,000 sales (413 above). Items are validated one by one: an invalid item (or one whose
 * `clientExternalId` is unknown) is reported in `failed` and the valid ones are stored. When valid items repeat an
 * `externalId`, the first is applied and the later ones fail.
 */
export class SaleBatchDto {
  /** Validated per item by the service (partial success), from the items as sent. */
  @IsArray()
  @ValidatedItemByItem()
  items!: SaleBatchItemDto[];
}
