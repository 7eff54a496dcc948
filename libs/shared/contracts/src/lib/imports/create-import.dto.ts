import { IsIn } from 'class-validator';
import { IMPORT_KINDS, type ImportKind } from './import-kind';

/**
 * `POST /imports` (multipart/form-data): the form field `kind` and the CSV file in the field
 * `file`. UTF-8 (with or without BOM) and Windows-1251 are detected, and so are `;`, `,` and tab
 * separators, as Excel writes them in Russian and English locales.
 */
export class CreateImportDto {
  /** @example "clients" */
  @IsIn(IMPORT_KINDS)
  kind!: ImportKind;
}
