import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCurrency, IsMoney } from '../common/validators';
import { RFM_SEGMENT_NAMES, type RfmSegmentName } from '../analytics/rfm-segments-response';
import { SALE_STATUSES, type SaleStatus } from '../sales/sale-status';

/**
 * What a report's tables show. The KPIs, series and forecasts are the company's figures for the
 * period exactly as the analytics endpoints answer them; the filters narrow the rows of the tables:
 * `statuses` the by-status table, `currencies` the by-currency table, `clientIds`, `segment` and
 * `amountMin`/`amountMax` (the client's revenue in the period, report currency) the client tables
 * (top clients, clients to contact, offers, dropped purchases). `pipelineId` picks the pipeline of
 * a `pipeline` report (default: the company's first pipeline).
 */
export class ReportFiltersDto {
  /** The pipeline a `pipeline` report covers; a pipeline of this company. @example "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10" */
  @IsOptional()
  @IsUUID('all')
  pipelineId?: string;

  /** Sale statuses shown in the by-status table; default all. @example ["paid", "refunded"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SALE_STATUSES.length)
  @IsIn(SALE_STATUSES, { each: true })
  statuses?: SaleStatus[];

  /** Rows of the by-currency table for these currencies (the sales' own currency). @example ["RUB", "USD"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsCurrency({ each: true })
  currencies?: string[];

  /** Client rows of these clients only. @example ["0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  clientIds?: string[];

  /** Client rows of clients in this RFM segment (as of the period's last day). @example "at_risk" */
  @IsOptional()
  @IsIn(RFM_SEGMENT_NAMES)
  segment?: RfmSegmentName;

  /** Client rows whose revenue in the period is at least this (report currency); a decimal string (a JSON number is accepted too). @example "1000.00" */
  @IsOptional()
  @IsMoney({ maxFractionDigits: 4 })
  amountMin?: string;

  /** Client rows whose revenue in the period is at most this (report currency). @example "50000.00" */
  @IsOptional()
  @IsMoney({ maxFractionDigits: 4 })
  amountMax?: string;
}
