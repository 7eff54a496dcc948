import { IsOptional } from 'class-validator';
import { IsCurrency, IsDateOnly } from '../common/validators';

/**
 * The period and currency of an indicator. Dates are days in the company's time zone, both
 * inclusive; `to` defaults to today there and `from` to 29 days before `to` (30 days).
 */
export class AnalyticsRangeQueryDto {
  /** First day, inclusive (company time zone). @example "2026-01-01" */
  @IsOptional()
  @IsDateOnly()
  from?: string;

  /** Last day, inclusive (company time zone); not before `from`. @example "2026-12-31" */
  @IsOptional()
  @IsDateOnly()
  to?: string;

  /** ISO 4217 code to convert to; default the company's base currency. @example "RUB" */
  @IsOptional()
  @IsCurrency()
  currency?: string;
}
