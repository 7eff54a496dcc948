import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQueryDto } from '../common/list-query.dto';
import { toBoolean } from '../common/transforms';
import { CLIENT_ACTIVITY_MAX_LENGTH } from '../common/validation';
import { IsDateOnly } from '../common/validators';

export const CLIENT_SORTS = ['name', 'email', 'lastInteractionAt', 'createdAt', 'updatedAt'] as const;
export type ClientSortField = (typeof CLIENT_SORTS)[number];
export const CLIENT_SORT_VALUES = CLIENT_SORTS.flatMap((field) => [field, `-${field}`]);

/** `GET /clients`: paging, sort, search over name, email, phone and externalId, and filters. */
export class ListClientsQueryDto extends ListQueryDto {
  /** A field, descending with `-`. Default `-createdAt`. @example "-lastInteractionAt" */
  @IsOptional()
  @IsIn(CLIENT_SORT_VALUES)
  sort?: string;

  /** Clients whose activity is exactly this (case-insensitive). @example "Розничная торговля" */
  @IsOptional()
  @IsString()
  @MaxLength(CLIENT_ACTIVITY_MAX_LENGTH)
  activity?: string;

  /** Last interaction on or after this day (company time zone). @example "2026-01-01" */
  @IsOptional()
  @IsDateOnly()
  lastInteractionFrom?: string;

  /** Last interaction on or before this day (company time zone). @example "2026-12-31" */
  @IsOptional()
  @IsDateOnly()
  lastInteractionTo?: string;

  /** `true`: only clients with at least one sale; `false`: only clients without. @example true */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  hasPurchases?: boolean;
}
