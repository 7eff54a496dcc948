import { IsUUID } from 'class-validator';
import { IsOmittable } from '../common/optional';
import { IsCurrency, IsMoney, IsText } from '../common/validators';
import { DEAL_TITLE_MAX_LENGTH } from './deal-model';
import { DealTermsDto } from './deal-terms.dto';

/**
 * `POST /deals`. Without `pipelineId` the deal goes into the company's first pipeline; without
 * `stageId`, into the pipeline's first stage (a given stage must belong to the pipeline). The
 * owner defaults to the caller and must be a member of the company.
 */
export class CreateDealDto extends DealTermsDto {
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
}
