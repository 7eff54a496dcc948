import { ArrayMaxSize, IsArray, IsIn, IsInt, IsUUID, Matches, Max, Min, ValidateIf } from 'class-validator';
import { REPORT_SCHEDULE_FREQUENCIES, type ReportScheduleFrequency } from './report-type';

/**
 * `PUT /reports/:id/schedule`: rebuild the report weekly (on `weekday`, 1 = Monday … 7 = Sunday) or
 * monthly (on `dayOfMonth`, 1–31; the month's last day when shorter) at `time` in the company's time
 * zone. Each run is a new snapshot; `recipients` (members) get the PDF by mail when mail is set up.
 */
export class PutReportScheduleDto {
  /** @example "weekly" */
  @IsIn(REPORT_SCHEDULE_FREQUENCIES)
  frequency!: ReportScheduleFrequency;

  /** Required for `weekly`: 1 = Monday … 7 = Sunday. @example 1 */
  @ValidateIf((dto: PutReportScheduleDto) => dto.frequency === 'weekly' || dto.weekday !== undefined)
  @IsInt()
  @Min(1)
  @Max(7)
  weekday?: number;

  /** Required for `monthly`: 1–31. @example 1 */
  @ValidateIf((dto: PutReportScheduleDto) => dto.frequency === 'monthly' || dto.dayOfMonth !== undefined)
  @IsInt()
  @Min(1)
  @Max(31)
  dayOfMonth?: number;

  /** Local time `HH:MM` (24 h) in the company's time zone. @example "09:00" */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time must be HH:MM (00:00–23:59)' })
  time!: string;

  /** Members who get each run by mail (may be empty). @example ["0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10"] */
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  recipients!: string[];
}
