import { IsText, IsTimestamp } from '../common/validators';
import { NEXT_STEP_TITLE_MAX_LENGTH } from './deal-model';

/** What happens next on a deal, and when. */
export class NextStepDto {
  /** @example "Позвонить и обсудить скидку" */
  @IsText(1, NEXT_STEP_TITLE_MAX_LENGTH)
  title!: string;

  /** @example "2026-12-05T12:00:00+03:00" */
  @IsTimestamp()
  dueAt!: string;
}

export class NextStepResponse {
  /** @example "Позвонить и обсудить скидку" */
  title!: string;
  /** @example "2026-12-05T09:00:00.000Z" */
  dueAt!: string;
}
