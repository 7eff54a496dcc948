import { IsOptional } from 'class-validator';
import { IsCurrency, IsDateOnly } from '../common/validators';
import { ClientIdsFilter, CurrenciesFilter } from './analytics-query';

/**
 * The period and currency of an indicator. Dates are days in the company's time zone, both
 * inclusive; `to` defaults to today there and `from` to 29 days before `to` (30 days).
 *
 * `clientIds` and `currencies` narrow the sales counted (ADR 0006 "Report filters"): only sales
 * of those clients, only sales in those currencies (the sale's own). Every figure — revenue,
 * counts, buyers, new clients (no earlier counted sale among the selected ones), products — is
 * then computed over exactly those sales; without them the answer is the whole company's.
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

  /**
   * Only the sales of these clients (at most 300, clients of this company), repeated
   * (`clientIds=a&clientIds=b`) or comma separated. @example ["0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10"]
   */
  @ClientIdsFilter()
  clientIds?: string[];

  /**
   * Only the sales in these currencies (the sale's own currency; the figures are still converted
   * to `currency`), repeated or comma separated. @example ["USD"]
   */
  @CurrenciesFilter()
  currencies?: string[];
}
