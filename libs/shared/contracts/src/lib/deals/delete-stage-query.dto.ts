import { IsOptional, IsUUID } from 'class-validator';

/** `DELETE /pipelines/:pipelineId/stages/:stageId`: a stage with deals needs `moveTo`. */
export class DeleteStageQueryDto {
  /**
   * A stage of the same pipeline that receives the deleted stage's deals (each move is recorded in
   * the deals' history). Required when the stage has deals (409 without).
   */
  @IsOptional()
  @IsUUID()
  moveTo?: string;
}
