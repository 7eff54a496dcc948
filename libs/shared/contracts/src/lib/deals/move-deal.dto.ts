import { IsBoolean, IsUUID } from 'class-validator';
import { IsOmittable } from '../common/optional';
import { IsText } from '../common/validators';
import { DEAL_LOST_REASON_MAX_LENGTH } from './deal-model';

/**
 * `POST /deals/:dealId/move`: to another stage of the deal's pipeline (400 for a stage of another
 * pipeline). The move is recorded in the deal's history; the deal's probability goes back to the
 * new stage's default.
 */
export class MoveDealDto {
  /** A stage of the deal's pipeline. */
  @IsUUID()
  stageId!: string;

  /** Required when the stage is a `lost` one (400 without). @example "Выбрали конкурента" */
  @IsOmittable()
  @IsText(1, DEAL_LOST_REASON_MAX_LENGTH)
  lostReason?: string;

  /**
   * To a `won` stage: also create the sale the deal became (client, amount, currency; sold now,
   * `paid`), linked as the deal's `saleId`, in the same transaction. Ignored for a deal already
   * linked to a sale. @example true
   */
  @IsOmittable()
  @IsBoolean()
  createSale?: boolean;
}
