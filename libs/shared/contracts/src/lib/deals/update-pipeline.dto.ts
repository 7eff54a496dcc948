import { Transform } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { IsOmittable } from '../common/optional';
import { toNumber } from '../common/transforms';
import { IsText } from '../common/validators';
import { PIPELINE_NAME_MAX_LENGTH } from './deal-model';

/** Owners and admins. Renaming keeps the deals and their history (they refer to the pipeline by id). */
export class UpdatePipelineDto {
  /** @example "Розница" */
  @IsOmittable()
  @IsText(1, PIPELINE_NAME_MAX_LENGTH)
  name?: string;

  /** Order among the company's pipelines, from 0; the others shift. @example 0 */
  @IsOmittable()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  position?: number;
}
