import { plainToInstance, Transform, type TransformFnParams } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { IsCurrency } from '../common/validators';
import { ImportMappingDto } from './import-mapping.dto';

/** A nested object as an instance of `dto`, so `@ValidateNested` checks it (no `@Type`: see common/transforms). */
const toMapping = ({ value }: TransformFnParams): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? plainToInstance(ImportMappingDto, value)
    : value;

/** How to read the rows of an uploaded file: the column mapping and defaults. */
export class ImportSettingsDto {
  /** Field → column name; start from the job's `suggestedMapping`. */
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Transform(toMapping)
  mapping!: ImportMappingDto;

  /** Sales: the currency of rows without a currency column or value. @example "RUB" */
  @IsOptional()
  @IsCurrency()
  defaultCurrency?: string;
}
