import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ListQueryDto } from '../common/list-query.dto';
import { IsCurrency, IsDateOnly, IsMoney } from '../common/validators';
import { SALE_KINDS, type SaleKind } from './sale-kind';
import { SALE_STATUSES, type SaleStatus } from './sale-status';

export const SALE_SORTS = ['soldAt', 'amount', 'createdAt'] as const;
export type SaleSortField = (typeof SALE_SORTS)[number];
export const SALE_SORT_VALUES = SALE_SORTS.flatMap((field) => [field, `-${field}`]);

/** `GET /sales`: paging, sort, search over externalId and the buyer's name/email, and filters. */
export class ListSalesQueryDto extends ListQueryDto {
  /**
   * A field, descending with `-`. Default `-soldAt`. `amount` orders by the amount in the company's
   * base currency at the rate in force on the sale's day; sales with no rate in force come last.
   * @example "-soldAt"
   */
  @IsOptional()
  @IsIn(SALE_SORT_VALUES)
  sort?: string;

  @IsOptional()
  @IsUUID()
  clientId?: string;

  /** @example "paid" */
  @IsOptional()
  @IsIn(SALE_STATUSES)
  status?: SaleStatus;

  /** Only sales (`sale`) or only returns (`return`). @example "return" */
  @IsOptional()
  @IsIn(SALE_KINDS)
  kind?: SaleKind;

  /** @example "RUB" */
  @IsOptional()
  @IsCurrency()
  currency?: string;

  /** Sold on or after this day (company time zone). @example "2026-01-01" */
  @IsOptional()
  @IsDateOnly()
  from?: string;

  /** Sold on or before this day (company time zone). @example "2026-12-31" */
  @IsOptional()
  @IsDateOnly()
  to?: string;

  /** Amount at least this (in the sale's own currency). @example "1000" */
  @IsOptional()
  @IsMoney({ maxFractionDigits: 4 })
  amountMin?: string;

  /** Amount at most this (in the sale's own currency). @example "50000" */
  @IsOptional()
  @IsMoney({ maxFractionDigits: 4 })
  amountMax?: string;
}
