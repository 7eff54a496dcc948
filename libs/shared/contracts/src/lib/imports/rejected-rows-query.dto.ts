import { IsIn, IsOptional } from 'class-validator';

export const REPORT_LANGUAGES = ['en', 'ru'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** Options of the rejected-rows report download. */
export class RejectedRowsQueryDto {
  /** Language of the two columns the report adds to the file's own (`import line`, `import errors`). @example "ru" */
  @IsOptional()
  @IsIn(REPORT_LANGUAGES)
  lang?: ReportLanguage;
}
