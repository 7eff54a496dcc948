import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsOmittable } from '../common/optional';
import { toNumber } from '../common/transforms';
import { IsText } from '../common/validators';
import { STAGE_NAME_MAX_LENGTH } from './deal-model';

/**
 * Owners and admins. Renaming keeps the history (stage changes refer to the stage by id). A stage's
 * kind does not change: add a stage of the other kind and move the deals instead.
 */
export class UpdateStageDto {
  /** @example "Выставлен счёт" */
  @IsOmittable()
  @IsText(1, STAGE_NAME_MAX_LENGTH)
  name?: string;

  /** @example 60 */
  @IsOmittable()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(100)
  probability?: number;

  /** New place in the pipeline, from 0; the stages in between shift. @example 1 */
  @IsOmittable()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  position?: number;
}
