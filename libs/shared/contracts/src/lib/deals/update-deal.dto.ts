import { IsUUID } from 'class-validator';
import { IsOmittable } from '../common/optional';
import { IsCurrency, IsMoney, IsText } from '../common/validators';
import { DEAL_LOST_REASON_MAX_LENGTH, DEAL_TITLE_MAX_LENGTH } from './deal-model';
import { DealTermsDto } from './deal-terms.dto';

/**
 * `PATCH /deals/:dealId`: omitted fields keep their value, `null` clears the ones that may be empty.
 * The stage changes only through `POST /deals/:dealId/move` (it is recorded in the history).
 */
export class UpdateDealDto extends DealTermsDto {
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

  /** Only for a lost deal: why it was lost. @example "Выбрали конкурента" */
  @IsOmittable()
  @IsText(1, DEAL_LOST_REASON_MAX_LENGTH)
  lostReason?: string;
}
