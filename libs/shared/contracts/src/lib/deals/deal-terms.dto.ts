import { Transform } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { IsOmittable } from '../common/optional';
import { toNumber } from '../common/transforms';
import { EXTERNAL_ID_MAX_LENGTH } from '../common/validation';
import { IsDateOnly, IsText } from '../common/validators';
import { DEAL_SOURCE_MAX_LENGTH } from './deal-model';
import { NextStepDto } from './next-step.dto';

/** Turns a plain `nextStep` object into a {@link NextStepDto} so that its fields are validated. */
export const toNextStep = ({ value }: { value: unknown }): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.assign(new NextStepDto(), value as object)
    : value;

/**
 * The fields a deal is created and edited with alike: all may be omitted, and `null` clears the
 * ones that may be empty. {@link CreateDealDto} and {@link UpdateDealDto} add the rest.
 */
export abstract class DealTermsDto {
  /** A member of the company; on create the default is the caller. */
  @IsOmittable()
  @IsUUID()
  ownerId?: string;

  /** @example "2026-12-31" */
  @IsOptional()
  @IsDateOnly()
  expectedCloseDate?: string | null;

  /** Win probability 0–100 %; `null` (or omitted on create): the stage's default, which follows the deal from stage to stage. @example 30 */
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
