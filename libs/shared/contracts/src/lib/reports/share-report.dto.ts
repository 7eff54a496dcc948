import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsUUID, ValidateIf } from 'class-validator';

/**
 * `POST /reports/:id/share`: `{userIds}` replaces the members the report is shared with (an empty
 * list shares it with nobody), `{company: true}` shares it with the whole company, `{company: false}`
 * stops that. Both may be sent together. Author or owner/admin only.
 */
export class ShareReportDto {
  /** Members of the company (not the author). @example ["0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10"] */
  @ValidateIf((dto: ShareReportDto) => dto.company === undefined || dto.userIds !== undefined)
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  userIds?: string[];

  /** @example true */
  @IsOptional()
  @IsBoolean()
  company?: boolean;
}
