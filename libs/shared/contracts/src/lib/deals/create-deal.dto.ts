import { Transform } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { IsOmittable } from '../common/optional';
import { toNumber } from '../common/transforms';
import { EXTERNAL_ID_MAX_LENGTH } from '../common/validation';
import { IsCurrency, IsDateOnly, IsMoney, IsText } from '../common/validators';
import { DEAL_SOURCE_MAX_LENGTH, DEAL_TITLE_MAX_LENGTH } from './deal-model';
import { NextStepDto } from './next-step.dto';

/** Turns a plain `nextStep` object into a {@link NextStepDto} so that its fields are validated. */
export const toNextStep = ({ value }: { value: unknown }): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.assign(new NextStepDto(), value as object)
    : value;

/**
 * `POST /deals`. Without `pipelineId` the deal goes into the company's first pipeline; without
 * `stageId`, into the pipeline's first stage (a given stage must belong to the pipeline). The
 * owner defaults to the caller and must be a member of the company.
 */
export class CreateDealDto {
  /** @example "Поставка 200 свечей" */
  @IsText(1, DEAL_TITLE_MAX_LENGTH)
  title!: string;

  /** A client of this company. */
  @IsUUID()
  clientId!: string;

  /** A decimal string (a JSON number is accepted too) with at most the currency's minor digits. @example "150000.00" */
  @IsMoney({ property: 'currency' })
  amount!: string;

  /** ISO 4217. @example "RUB" */
  @IsCurrency()
  currency!: string;

  @IsOmittable()
  @IsUUID()
  pipelineId?: string;

  @IsOmittable()
  @IsUUID()
  stageId?: string;

  /** A member of the company; default the caller. */
  @IsOmittable()
  @IsUUID()
  ownerId?: string;

  /** @example "2026-12-31" */
  @IsOptional()
  @IsDateOnly()
  expectedCloseDate?: string | null;

  /** Win probability 0–100 %; omitted or null: the stage's default, which follows the deal from stage to stage. @example 30 */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(100)
  probability?: number | null;

  /** Where the deal came from. @example "Сайт" */
  @IsOptional()
  @IsText(1, DEAL_SOURCE_MAX_LENGTH)
  source?: string | null;

  @IsOptional()
  @Transform(toNextStep)
  @ValidateNested()
  @IsObject()
  nextStep?: NextStepDto | null;

  /** The deal's id in an integrating system; unique in the company (409 when taken). @example "ORD-1001" */
  @IsOptional()
  @IsText(1, EXTERNAL_ID_MAX_LENGTH)
  externalId?: string | null;
}
