import { IsArray, IsOptional } from 'class-validator';
import { EXTERNAL_ID_MAX_LENGTH } from '../common/validation';
import { IsCurrency, IsDateOnly, IsMoney, IsText, ValidatedItemByItem } from '../common/validators';
import {
  DEAL_LOST_REASON_MAX_LENGTH,
  DEAL_SOURCE_MAX_LENGTH,
  DEAL_TITLE_MAX_LENGTH,
  PIPELINE_NAME_MAX_LENGTH,
  STAGE_NAME_MAX_LENGTH,
} from '../deals/deal-model';

/**
 * One deal to upsert by `externalId`. Pipeline and stage are named by name (case-insensitive); a
 * new deal without them goes into the company's first pipeline and its first stage, a stored one
 * keeps its place. A stage change is recorded in the deal's history like a move in the web app.
 */
export class DealBatchItemDto {
  /** 1–128 characters; the key of the upsert. @example "ORD-1001" */
  @IsText(1, EXTERNAL_ID_MAX_LENGTH)
  externalId!: string;

  /** The client's `externalId`; the client must exist in this company. @example "C-10042" */
  @IsText(1, EXTERNAL_ID_MAX_LENGTH)
  clientExternalId!: string;

  /** @example "Заказ с сайта №1001" */
  @IsText(1, DEAL_TITLE_MAX_LENGTH)
  title!: string;

  /** A decimal string (a JSON number is accepted too) with at most the currency's minor digits. @example "15000.00" */
  @IsMoney({ property: 'currency' })
  amount!: string;

  /** ISO 4217. @example "RUB" */
  @IsCurrency()
  currency!: string;

  /** A pipeline's name. @example "Воронка продаж" */
  @IsOptional()
  @IsText(1, PIPELINE_NAME_MAX_LENGTH)
  pipeline?: string | null;

  /** A stage's name in that pipeline. @example "Новая" */
  @IsOptional()
  @IsText(1, STAGE_NAME_MAX_LENGTH)
  stage?: string | null;

  /** @example "2026-12-31" */
  @IsOptional()
  @IsDateOnly()
  expectedCloseDate?: string | null;

  /** @example "Сайт" */
  @IsOptional()
  @IsText(1, DEAL_SOURCE_MAX_LENGTH)
  source?: string | null;

  /** Required when `stage` is a lost stage. @example "Дорого" */
  @IsOptional()
  @IsText(1, DEAL_LOST_REASON_MAX_LENGTH)
  lostReason?: string | null;
}

/**
 * Up to 5,000 deals (413 above). Items are validated one by one: an invalid item (or one whose
 * client, pipeline or stage is unknown) is reported in `failed` and the valid ones are stored. When
 * valid items repeat an `externalId`, the first is applied and the later ones fail.
 */
export class DealBatchDto {
  /** Validated per item by the service (partial success), from the items as sent. */
  @IsArray()
  @ValidatedItemByItem()
  items!: DealBatchItemDto[];
}
