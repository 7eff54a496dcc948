import { IsOptional } from 'class-validator';
import {
  QUANTITY_MAX_FRACTION_DIGITS,
  QUANTITY_MAX_INTEGER_DIGITS,
  SALE_ITEM_NAME_MAX_LENGTH,
  SALE_ITEM_SKU_MAX_LENGTH,
} from '../common/validation';
import { IsMoney, IsText } from '../common/validators';

/** A line of a sale. `unitPrice` is in the sale's currency. */
export class SaleItemDto {
  /** @example "85123A" */
  @IsOptional()
  @IsText(0, SALE_ITEM_SKU_MAX_LENGTH)
  sku?: string | null;

  /** @example "Подсвечник «Сердце»" */
  @IsText(1, SALE_ITEM_NAME_MAX_LENGTH)
  name!: string;

  /** Greater than zero, up to 3 fractional digits (a decimal string is accepted too). @example 6 */
  @IsMoney(
    { maxFractionDigits: QUANTITY_MAX_FRACTION_DIGITS },
    { positive: true, maxIntegerDigits: QUANTITY_MAX_INTEGER_DIGITS },
  )
  quantity!: number;

  /** A decimal string (a JSON number is accepted too), up to 4 fractional digits whatever the currency. @example "255.00" */
  @IsMoney({ maxFractionDigits: 4 })
  unitPrice!: string;
}
