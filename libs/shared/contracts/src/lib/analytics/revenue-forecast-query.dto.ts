import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsCurrency, IsDateOnly } from '../common/validators';
import {
  ANALYTICS_MAX_CLIENT_IDS,
  ANALYTICS_MAX_CURRENCIES,
  FORECAST_GRANULARITIES,
  FORECAST_MAX_HORIZON,
  type ForecastGranularity,
  queryInteger,
  queryList,
} from './analytics-query';

/** `analytics/forecast`: how far, at which granularity, in which currency, from which day. */
export class RevenueForecastQueryDto {
  /** Periods to forecast, starting with the one containing `asOf`: 1–36 months or 1–104 weeks; default 12 months or 13 weeks. @example 12 */
  @IsOptional()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(FORECAST_MAX_HORIZON.week)
  horizon?: number;

  /** Default `month`; weeks start on Monday. @example "month" */
  @IsOptional()
  @IsIn(FORECAST_GRANULARITIES)
  granularity?: ForecastGranularity;

  /** ISO 4217 code; default the company's base currency. @example "RUB" */
  @IsOptional()
  @IsCurrency()
  currency?: string;

  /** The history is every complete period before the one containing this day; default today (company time zone). @example "2026-11-20" */
  @IsOptional()
  @IsDateOnly()
  asOf?: string;

  /** The history counts only the sales of these clients (as the other indicators' `clientIds`). @example ["0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10"] */
  @IsOptional()
  @Transform(queryList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ANALYTICS_MAX_CLIENT_IDS)
  @IsUUID('all', { each: true })
  clientIds?: string[];

  /** The history counts only the sales in these currencies (the sale's own). @example ["USD"] */
  @IsOptional()
  @Transform(queryList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ANALYTICS_MAX_CURRENCIES)
  @IsCurrency({ each: true })
  currencies?: string[];
}
