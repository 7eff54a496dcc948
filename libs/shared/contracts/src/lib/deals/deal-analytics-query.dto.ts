import { IsOptional, IsUUID } from 'class-validator';
import { IsCurrency, IsDateOnly } from '../common/validators';

/**
 * `analytics/funnel` (and `analytics/owners`): the deals of one pipeline that entered it (were
 * created in its first stage or moved into the pipeline) in `from`..`to`, days in the company's
 * time zone, both inclusive; `to` defaults to today there and `from` to 29 days before `to`.
 */
export class DealFunnelQueryDto {
  /** Default: the company's default pipeline. @example "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e" */
  @IsOptional()
  @IsUUID()
  pipelineId?: string;

  /** First day, inclusive (company time zone). @example "2026-10-01" */
  @IsOptional()
  @IsDateOnly()
  from?: string;

  /** Last day, inclusive (company time zone); not before `from`. @example "2026-12-31" */
  @IsOptional()
  @IsDateOnly()
  to?: string;

  /** ISO 4217 code the money figures are converted to; default the company's base currency. @example "RUB" */
  @IsOptional()
  @IsCurrency()
  currency?: string;
}

/** `analytics/pipeline` and `analytics/stuck`: the open deals of one pipeline now. */
export class DealPipelineQueryDto {
  /** Default: the company's default pipeline. @example "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e" */
  @IsOptional()
  @IsUUID()
  pipelineId?: string;

  /** ISO 4217 code the values are converted to (today's rates); default the company's base currency. @example "RUB" */
  @IsOptional()
  @IsCurrency()
  currency?: string;
}
