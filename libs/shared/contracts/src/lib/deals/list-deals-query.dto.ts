import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ListQueryDto } from '../common/list-query.dto';
import { IsCurrency, IsDateOnly, IsMoney } from '../common/validators';
import { DEAL_STATUSES, type DealStatus } from './deal-model';

export const DEAL_SORTS = ['createdAt', 'updatedAt', 'amount', 'expectedCloseDate', 'title', 'stageEnteredAt'] as const;
export type DealSortField = (typeof DEAL_SORTS)[number];
export const DEAL_SORT_VALUES = DEAL_SORTS.flatMap((field) => [field, `-${field}`]);

/** `GET /deals`: paging, sort, search over the title, externalId and the client's name, and filters. */
export class ListDealsQueryDto extends ListQueryDto {
  /** A field, descending with `-`. Default `-updatedAt`. @example "-amount" */
  @IsOptional()
  @IsIn(DEAL_SORT_VALUES)
  sort?: string;

  @IsOptional()
  @IsUUID()
  pipelineId?: string;

  @IsOptional()
  @IsUUID()
  stageId?: string;

  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @IsOptional()
  @IsUUID()
  clientId?: string;

  /** The deal a sale came from (a won deal's `saleId`): links a sale back to its deal. */
  @IsOptional()
  @IsUUID()
  saleId?: string;

  /** @example "open" */
  @IsOptional()
  @IsIn(DEAL_STATUSES)
  status?: DealStatus;

  /** @example "RUB" */
  @IsOptional()
  @IsCurrency()
  currency?: string;

  /** Expected to close on or after this day. @example "2026-12-01" */
  @IsOptional()
  @IsDateOnly()
  expectedFrom?: string;

  /** Expected to close on or before this day. @example "2026-12-31" */
  @IsOptional()
  @IsDateOnly()
  expectedTo?: string;

  /**
   * Entered their current stage on or after this day (company time zone): the board's won and lost
   * columns show the deals closed recently rather than every deal ever closed. @example "2026-11-01"
   */
  @IsOptional()
  @IsDateOnly()
  enteredFrom?: string;

  /** Amount at least this (in the deal's own currency). @example "1000" */
  @IsOptional()
  @IsMoney({ maxFractionDigits: 4 })
  amountMin?: string;

  /** Amount at most this (in the deal's own currency). @example "500000" */
  @IsOptional()
  @IsMoney({ maxFractionDigits: 4 })
  amountMax?: string;
}
