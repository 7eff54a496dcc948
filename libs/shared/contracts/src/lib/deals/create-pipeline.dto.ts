import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import { IsOmittable } from '../common/optional';
import { toInstances } from '../common/transforms';
import { IsText } from '../common/validators';
import { PIPELINE_NAME_MAX_LENGTH, PIPELINE_STAGES_MAX } from './deal-model';
import { StageInputDto } from './stage-input.dto';

/**
 * A new pipeline (owners and admins). Without `stages` it gets the default stages («Новая» …
 * «Выиграна», «Проиграна»). Given, they are its stages in this order; a pipeline needs at least one
 * open stage, and at most one `won` and one `lost` stage.
 */
export class CreatePipelineDto {
  /** @example "Оптовые продажи" */
  @IsText(1, PIPELINE_NAME_MAX_LENGTH)
  name!: string;

  @IsOmittable()
  @Transform(toInstances(StageInputDto))
  @ValidateNested({ each: true })
  @IsObject({ each: true })
  @ArrayMaxSize(PIPELINE_STAGES_MAX)
  @ArrayMinSize(1)
  @IsArray()
  stages?: StageInputDto[];
}
