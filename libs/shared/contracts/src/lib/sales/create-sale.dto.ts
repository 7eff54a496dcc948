import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { EXTERNAL_ID_MAX_LENGTH } from '../common/validation';
import { IsCurrency, IsMoney, IsText, IsTimestamp } from '../common/validators';
import { SaleItemDto, SaleItemsField } from './sale-item.dto';
import { SALE_KINDS, type SaleKind } from './sale-kind';
import { SALE_STATUSES, type SaleStatus } from './sale-status';
import { IsOmittable } from '../common/optional';

export class CreateSaleDto {
  /** The sale's id in the integrating system; unique in the company (409 when taken). @example "INV-536365" */
  @IsOptional()
  @IsText(1, EXTERNAL_ID_MAX_LENGTH)
  externalId?: string | null;

  /** The buyer, a client of this company. */
  @IsUUID()
  clientId!: string;

  /** A decimal string (a JSON number is accepted too) with at most the currency's minor digits; positive for a return. @example "1234.50" */
  @IsMoney({ property: 'currency' })
  amount!: string;

  /** ISO 4217. @example "RUB" */
  @IsCurrency()
  currency!: string;

  /** @example "2026-11-20T10:15:00+03:00" */
  @IsTimestamp()
  soldAt!: string;

  /** `sale` (default) or `return`: a return gives back (part of) the sale `returnOf`. @example "sale" */
  @IsOptional()
  @IsIn(SALE_KINDS)
  kind?: SaleKind;

  /**
   * For a return: the `id` of the original sale (same client and currency). The return's amount and
   * items are what is given back, positive, at most what the original still has unreturned.
   */
  @IsOptional()
  @IsUUID()
  returnOf?: string | null;

  /** Default `paid`. @example "paid" */
  @IsOmittable()
  @IsIn(SALE_STATUSES)
  status?: SaleStatus;

  @IsOmittable()
  @SaleItemsField()
  items?: SaleItemDto[];
}
