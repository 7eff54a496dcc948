import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCurrency, IsMoney } from '../common/validators';
import { RFM_SEGMENT_NAMES, type RfmSegmentName } from '../analytics/rfm-segments-response';
import { SALE_STATUSES, type SaleStatus } from '../sales/sale-status';

/**
 * Which sales a sales report counts (ADR 0006 "Report filters"). The filters select a set of
 * sales: those of the selected clients — `clientIds` ∩ the RFM `segment` as of the report's asOf ∩
 * the clients whose revenue in the period (paid minus paid returns, report currency, counted over
 * the selected currencies) lies in [`amountMin`, `amountMax`] — in the selected `currencies` (the
 * sale's own). Every KPI, series, forecast, table and chart counts exactly those sales, as the
 * analytics endpoints answer with the same `clientIds` and `currencies`; revenue stays paid minus
 * paid returns. `statuses` narrow the by-status table (its rows and sale counts) only. The RFM
 * segments table describes the whole customer base. `pipelineId` picks the pipeline of a
 * `pipeline` report (default: the company's first pipeline), which takes no sales filter.
 */
export class ReportFiltersDto {
  /** The pipeline a `pipeline` report covers; a pipeline of this company. @example "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10" */
  @IsOptional()
  @IsUUID('all')
  pipelineId?: string;

  /** Sale statuses shown in the by-status table (revenue stays paid minus paid returns); default all. @example ["paid", "refunded"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SALE_STATUSES.length)
  @IsIn(SALE_STATUSES, { each: true })
  statuses?: SaleStatus[];

  /** Only sales in these currencies (the sale's own) count; default all. @example ["RUB", "USD"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsCurrency({ each: true })
  currencies?: string[];

  /** Only these clients' sales count. @example ["0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  clientIds?: string[];

  /** Only the sales of clients in this RFM segment (as of the period's last day, or today when earlier) count. @example "at_risk" */
  @IsOptional()
  @IsIn(RFM_SEGMENT_NAMES)
  segment?: RfmSegmentName;

  /** Only the sales of clients whose revenue in the period is at least this (report currency; clients with paid sales or returns in the period) count; a decimal string (a JSON number is accepted too). @example "1000.00" */
  @IsOptional()
  @IsMoney({ maxFractionDigits: 4 })
  amountMin?: string;

  /** Only the sales of clients whose revenue in the period is at most this (report currency) count. @example "50000.00" */
  @IsOptional()
  @IsMoney({ maxFractionDigits: 4 })
  amountMax?: string;
}
