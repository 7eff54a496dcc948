import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-response';
import { toNumber } from './transforms';

/** Paging and free-text search shared by the web lists: `?page=1&pageSize=50&q=text`. */
export class ListQueryDto {
  /** 1-based page number, at most 1,000,000 (a larger offset overflows the database's). @example 1 */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number = 1;

  /** Rows per page, at most 200. @example 50 */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number = DEFAULT_PAGE_SIZE;

  /** Free-text search, case-insensitive. @example "Иван" */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
