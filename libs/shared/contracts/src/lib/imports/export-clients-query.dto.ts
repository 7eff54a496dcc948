import { IsIn, IsOptional } from 'class-validator';
import { ListClientsQueryDto } from '../clients/list-clients-query.dto';
import { EXPORT_FORMATS, EXPORT_LOCALES, type ExportFormat, type ExportLocale } from './import-kind';

/**
 * `GET /exports/clients`: every client the list would show with the same `q`, filters and `sort`
 * (`page` and `pageSize` are ignored: the file holds all matching rows).
 */
export class ExportClientsQueryDto extends ListClientsQueryDto {
  /** Default `csv`. @example "xlsx" */
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  /** CSV only: `ru` (`;`, decimal comma) or `en` (`,`, decimal point); default `ru`. @example "ru" */
  @IsOptional()
  @IsIn(EXPORT_LOCALES)
  locale?: ExportLocale;
}
