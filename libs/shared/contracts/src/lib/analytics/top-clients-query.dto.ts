import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { queryInteger, TOP_CLIENTS_MAX_LIMIT } from './analytics-query';
import { AnalyticsRangeQueryDto } from './analytics-range-query.dto';

/** `analytics/top-clients`: the range, currency and how many clients. */
export class TopClientsQueryDto extends AnalyticsRangeQueryDto {
  /** Clients to return, 1–100, default 10. @example 10 */
  @IsOptional()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(TOP_CLIENTS_MAX_LIMIT)
  limit?: number;
}
