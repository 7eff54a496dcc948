import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsObject, IsOptional, ValidateIf, ValidateNested } from 'class-validator';
import { IsCurrency, IsDateOnly, IsText } from '../common/validators';
import {
  REPORT_PERIOD_PRESETS,
  REPORT_TITLE_MAX_LENGTH,
  REPORT_TYPES,
  type ReportPeriodPreset,
  type ReportType,
} from './report-type';
import { ReportFiltersDto } from './report-filters.dto';

const toFilters = ({ value }: { value: unknown }): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? plainToInstance(ReportFiltersDto, value)
    : value;

/**
 * `POST /reports`: what to build. The period is `from`..`to` (days in the company's time zone, both
 * inclusive), or a `preset` resolved when the report is generated (then `from`/`to` may be left out).
 */
export class CreateReportDto {
  /** @example "sales-overview" */
  @IsIn(REPORT_TYPES)
  type!: ReportType;

  /** First day, inclusive; required without `preset`. @example "2025-01-01" */
  @ValidateIf((dto: CreateReportDto) => dto.preset === undefined || dto.from !== undefined)
  @IsDateOnly()
  from?: string;

  /** Last day, inclusive; required without `preset`; not before `from`, at most 20 years after. @example "2025-12-31" */
  @ValidateIf((dto: CreateReportDto) => dto.preset === undefined || dto.to !== undefined)
  @IsDateOnly()
  to?: string;

  /** A period relative to the day of generation; overrides `from`/`to`. @example "last-month" */
  @IsOptional()
  @IsIn(REPORT_PERIOD_PRESETS)
  preset?: ReportPeriodPreset;

  /** ISO 4217 code of the money figures; default the company's base currency. @example "RUB" */
  @IsOptional()
  @IsCurrency()
  currency?: string;

  @IsOptional()
  @IsObject()
  @Transform(toFilters)
  @ValidateNested()
  filters?: ReportFiltersDto;

  /** Default: the type's name and the period. @example "Продажи за 2025 год" */
  @IsOptional()
  @IsText(1, REPORT_TITLE_MAX_LENGTH)
  title?: string;
}
