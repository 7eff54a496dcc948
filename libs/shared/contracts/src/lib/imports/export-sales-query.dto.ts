import { IsIn, IsOptional } from 'class-validator';
import { ListSalesQueryDto } from '../sales/list-sales-query.dto';
import { EXPORT_FORMATS, EXPORT_LOCALES, type ExportFormat, type ExportLocale } from './import-kind';

/** `GET /exports/sales`: every sale the list would show with the same `q`, filters and `sort`. */
export class ExportSalesQueryDto extends ListSalesQueryDto {
  /** Default `csv`. @example "xlsx" */
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  /** CSV only: `ru` (`;`, decimal comma) or `en` (`,`, decimal point); default `ru`. @example "en" */
  @IsOptional()
  @IsIn(EXPORT_LOCALES)
  locale?: ExportLocale;
}
