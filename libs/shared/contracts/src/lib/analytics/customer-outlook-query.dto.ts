import { IsOptional } from 'class-validator';
import { IsCurrency, IsDateOnly } from '../common/validators';

/** `analytics/segments` and `analytics/clients/:clientId/outlook`: the day the customer base is seen from. */
export class CustomerOutlookQueryDto {
  /** Purchases up to and including this day count; default today (company time zone). @example "2026-11-20" */
  @IsOptional()
  @IsDateOnly()
  asOf?: string;

  /** ISO 4217 code of the money figures; default the company's base currency. @example "RUB" */
  @IsOptional()
  @IsCurrency()
  currency?: string;
}
