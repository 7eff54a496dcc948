import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { EXTERNAL_ID_MAX_LENGTH } from '../common/validation';
import { toNumber } from '../common/transforms';
import { IsText, IsTimestamp } from '../common/validators';
import { DEFAULT_FEED_LIMIT, MAX_FEED_LIMIT } from './batch-limits';

/**
 * `GET /api/v1/clients|sales`: rows in the order they were last written. Follow `nextCursor` until
 * it is null: every row is returned once, and a row written after the read started (new or
 * changed) comes again later in its new version.
 */
export class FeedQueryDto {
  /** Only the row with this externalId. @example "C-10042" */
  @IsOptional()
  @IsText(1, EXTERNAL_ID_MAX_LENGTH)
  externalId?: string;

  /** Only rows changed at or after this instant (ISO 8601 with offset). @example "2026-11-20T00:00:00Z" */
  @IsOptional()
  @IsTimestamp()
  updatedSince?: string;

  /** `nextCursor` of the previous page; opaque. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor is not a cursor this API returned' })
  cursor?: string;

  /** Rows per page, 1–1000, default 100. @example 100 */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(MAX_FEED_LIMIT)
  limit?: number = DEFAULT_FEED_LIMIT;
}
