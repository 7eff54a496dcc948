import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { toInstances } from '../common/transforms';
import {
  QUANTITY_MAX_FRACTION_DIGITS,
  QUANTITY_MAX_INTEGER_DIGITS,
  SALE_ITEM_NAME_MAX_LENGTH,
  SALE_ITEM_SKU_MAX_LENGTH,
  SALE_ITEMS_MAX,
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

/**
 * The rules of a sale's `items` on every write path (web create and update, integration batch): an
 * array of at most {@link SALE_ITEMS_MAX} objects, each validated as a {@link SaleItemDto}. Whether
 * the field may be left out or be `null` is the property's own decorator (`IsOmittable`,
 * `IsOptional`). Applied in the order the stacked decorators had (bottom first), so the errors keep
 * their order.
 */
export function SaleItemsField(): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    Transform(toInstances(SaleItemDto)),
    ValidateNested({ each: true }),
    IsObject({ each: true }), // ValidateNested alone passes a nested array (`[[]]`)
    ArrayMaxSize(SALE_ITEMS_MAX),
    IsArray(),
  ];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}
