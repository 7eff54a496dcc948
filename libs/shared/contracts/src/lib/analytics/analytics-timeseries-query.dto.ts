import { IsIn, IsOptional } from 'class-validator';
import { ANALYTICS_GRANULARITIES, type AnalyticsGranularity } from './analytics-query';
import { AnalyticsRangeQueryDto } from './analytics-range-query.dto';

/** `analytics/timeseries`: the range, currency and period length. */
export class AnalyticsTimeseriesQueryDto extends AnalyticsRangeQueryDto {
  /** Period length; weeks start on Monday. Default `day`. @example "month" */
  @IsOptional()
  @IsIn(ANALYTICS_GRANULARITIES)
  granularity?: AnalyticsGranularity;
}
