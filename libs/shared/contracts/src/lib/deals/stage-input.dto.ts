import { Transform } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { IsOmittable } from '../common/optional';
import { toNumber } from '../common/transforms';
import { IsText } from '../common/validators';
import { STAGE_KINDS, STAGE_NAME_MAX_LENGTH, type StageKind } from './deal-model';

/** A stage as `POST /pipelines` takes it, in the pipeline's order. */
export class StageInputDto {
  /** @example "Квалификация" */
  @IsText(1, STAGE_NAME_MAX_LENGTH)
  name!: string;

  /** Default win probability of a deal in this stage, 0–100 %. @example 20 */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(100)
  probability!: number;

  /** `open` (default), or terminal: `won`, `lost`. @example "open" */
  @IsOmittable()
  @IsIn(STAGE_KINDS)
  kind?: StageKind;
}
