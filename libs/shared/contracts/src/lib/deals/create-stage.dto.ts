import { Transform } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { IsOmittable } from '../common/optional';
import { toNumber } from '../common/transforms';
import { StageInputDto } from './stage-input.dto';

/** A stage added to a pipeline (owners and admins). */
export class CreateStageDto extends StageInputDto {
  /** Where it goes, from 0; the stages from there shift right. Default: after the last open stage. @example 2 */
  @IsOmittable()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  position?: number;
}
