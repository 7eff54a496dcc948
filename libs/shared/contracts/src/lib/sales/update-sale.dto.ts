import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { EXTERNAL_ID_MAX_LENGTH } from '../common/validation';
import { IsCurrency, IsMoney, IsText, IsTimestamp } from '../common/validators';
import { SaleItemDto, SaleItemsField } from './sale-item.dto';
import { SALE_STATUSES, type SaleStatus } from './sale-status';
import { IsOmittable } from '../common/optional';

/**
 * Omitted fields keep their value (the status too); `externalId: null` clears it; `items` replaces
 * every item. When only `amount` or only `currency` changes, the amount is checked against the
 * currency the sale ends up with. A return stays a return of the same sale; its new amount and items
 * are checked against what the original has unreturned, and an original cannot fall below its returns.
 */
export class UpdateSaleDto {
  /** @example "INV-536365" */
  @IsOptional()
  @IsText(1, EXTERNAL_ID_MAX_LENGTH)
  externalId?: string | null;

  @IsOmittable()
  @IsUUID()
  clientId?: string;

  /** @example "1234.50" */
  @IsOmittable()
  @IsMoney({ property: 'currency' })
  amount?: string;

  /** @example "RUB" */
  @IsOmittable()
  @IsCurrency()
  currency?: string;

  /** @example "2026-11-20T10:15:00+03:00" */
  @IsOmittable()
  @IsTimestamp()
  soldAt?: string;

  /** @example "refunded" */
  @IsOmittable()
  @IsIn(SALE_STATUSES)
  status?: SaleStatus;

  @IsOmittable()
  @SaleItemsField()
  items?: SaleItemDto[];
}
