import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCurrency, IsDateOnly } from '../common/validators';
import {
  FORECAST_GRANULARITIES,
  FORECAST_MAX_HORIZON,
  type ForecastGranularity,
  queryInteger,
  ClientIdsFilter,
  CurrenciesFilter,
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
  @ClientIdsFilter()
  clientIds?: string[];

  /** The history counts only the sales in these currencies (the sale's own). @example ["USD"] */
  @CurrenciesFilter()
  currencies?: string[];
}
