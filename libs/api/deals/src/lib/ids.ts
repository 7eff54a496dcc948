import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';
import { coded, type ErrorCode } from '@crm/shared/contracts';

/** A path id that is not a UUID names nothing: 404, like another company's id. */
const idPipe = (code: ErrorCode, message: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException(coded(code, message)) });

export const pipelineIdPipe = idPipe('pipeline_not_found', 'Pipeline not found');
export const stageIdPipe = idPipe('stage_not_found', 'Stage not found');
export const dealIdPipe = idPipe('deal_not_found', 'Deal not found');
export const taskIdPipe = idPipe('task_not_found', 'Task not found');

export const pipelineNotFound = () => new NotFoundException(coded('pipeline_not_found', 'Pipeline not found'));
export const stageNotFound = () => new NotFoundException(coded('stage_not_found', 'Stage not found'));
export const dealNotFound = () => new NotFoundException(coded('deal_not_found', 'Deal not found'));
export const taskNotFound = () => new NotFoundException(coded('task_not_found', 'Task not found'));
