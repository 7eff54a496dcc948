import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { toNumber } from '../common/transforms';
import { IMPORT_PREVIEW_DEFAULT_ROWS, IMPORT_PREVIEW_MAX_ROWS } from './import-kind';
import { ImportSettingsDto } from './import-settings.dto';

/** `POST /imports/:id/preview`: the first rows as they would be imported, each validated. */
export class PreviewImportDto extends ImportSettingsDto {
  /** Rows to show, 1–200, default 20. @example 20 */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(IMPORT_PREVIEW_MAX_ROWS)
  rows?: number = IMPORT_PREVIEW_DEFAULT_ROWS;
}
