import { IsIn, IsOptional } from 'class-validator';
import { REPORT_LANGUAGES, type ReportLanguage } from '../imports/rejected-rows-query.dto';
import { ReportSnapshotQueryDto } from './report-snapshot-query.dto';
import { REPORT_FORMATS, type ReportFormat } from './report-type';

/** `GET /reports/:id/export`. */
export class ExportReportQueryDto extends ReportSnapshotQueryDto {
  /** `pdf`; `xlsx` (one sheet per table); `csv` (one table: a CSV file, several: a zip of CSV files). @example "pdf" */
  @IsIn(REPORT_FORMATS)
  format!: ReportFormat;

  /** Language of headings and labels; default `ru`. @example "ru" */
  @IsOptional()
  @IsIn(REPORT_LANGUAGES)
  lang?: ReportLanguage;
}
