import { IsIn, IsOptional } from 'class-validator';
import { ListQueryDto } from '../common/list-query.dto';
import { REPORT_LIST_SCOPES, REPORT_TYPES, type ReportListScope, type ReportType } from './report-type';

export const REPORT_SORT_FIELDS = ['createdAt', '-createdAt', 'title', '-title', 'type', '-type'] as const;
export type ReportSort = (typeof REPORT_SORT_FIELDS)[number];

/** `GET /reports`: paging, `q` searches titles (case-insensitive), newest first by default. */
export class ListReportsQueryDto extends ListQueryDto {
  /** Default `all`: own reports, those shared with the caller and those shared with the company. @example "mine" */
  @IsOptional()
  @IsIn(REPORT_LIST_SCOPES)
  scope?: ReportListScope;

  /** @example "sales-trends" */
  @IsOptional()
  @IsIn(REPORT_TYPES)
  type?: ReportType;

  /** @example "-createdAt" */
  @IsOptional()
  @IsIn(REPORT_SORT_FIELDS)
  sort?: ReportSort;
}
