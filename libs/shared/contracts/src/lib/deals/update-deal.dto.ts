import { Transform } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { IsOmittable } from '../common/optional';
import { toNumber } from '../common/transforms';
import { EXTERNAL_ID_MAX_LENGTH } from '../common/validation';
import { IsCurrency, IsDateOnly, IsMoney, IsText } from '../common/validators';
import { toNextStep } from './create-deal.dto';
import { DEAL_LOST_REASON_MAX_LENGTH, DEAL_SOURCE_MAX_LENGTH, DEAL_TITLE_MAX_LENGTH } from './deal-model';
import { NextStepDto } from './next-step.dto';

/**
 * `PATCH /deals/:dealId`: omitted fields keep their value, `null` clears the ones that may be empty.
 * The stage changes only through `POST /deals/:dealId/move` (it is recorded in the history).
 */
export class UpdateDealDto {
  /** @example "Поставка 250 свечей" */
  @IsOmittable()
  @IsText(1, DEAL_TITLE_MAX_LENGTH)
  title?: string;

  @IsOmittable()
  @IsUUID()
  clientId?: string;

  /** Checked against the currency the deal ends up with. @example "180000.00" */
  @IsOmittable()
  @IsMoney({ property: 'currency' })
  amount?: string;

  /** @example "RUB" */
  @IsOmittable()
  @IsCurrency()
  currency?: string;

  /** A member of the company. */
  @IsOmittable()
  @IsUUID()
  ownerId?: string;

  /** @example "2027-01-31" */
  @IsOptional()
  @IsDateOnly()
  expectedCloseDate?: string | null;

  /** 0–100 %; `null` goes back to the stage's default. @example 40 */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(100)
  probability?: number | null;

  /** @example "Выставка" */
  @IsOptional()
  @IsText(1, DEAL_SOURCE_MAX_LENGTH)
  source?: string | null;

  @IsOptional()
  @Transform(toNextStep)
  @ValidateNested()
  @IsObject()
  nextStep?: NextStepDto | null;

  /** Only for a lost deal: why it was lost. @example "Выбрали конкурента" */
  @IsOmittable()
  @IsText(1, DEAL_LOST_REASON_MAX_LENGTH)
  lostReason?: string;

  /** @example "ORD-1001" */
  @IsOptional()
  @IsText(1, EXTERNAL_ID_MAX_LENGTH)
  externalId?: string | null;
}
