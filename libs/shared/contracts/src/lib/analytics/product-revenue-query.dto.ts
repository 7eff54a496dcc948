import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PRODUCTS_MAX_LIMIT, queryInteger } from './analytics-query';
import { AnalyticsRangeQueryDto } from './analytics-range-query.dto';

/** `analytics/products`: the range, currency and how many products. */
export class ProductRevenueQueryDto extends AnalyticsRangeQueryDto {
  /** Products to return, 1–500, default 20. @example 20 */
  @IsOptional()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(PRODUCTS_MAX_LIMIT)
  limit?: number;
}
