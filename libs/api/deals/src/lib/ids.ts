import { NotFoundException } from '@nestjs/common';
import { pathIdPipe } from '@crm/api/core';
import { coded } from '@crm/shared/contracts';

export const pipelineIdPipe = pathIdPipe('pipeline_not_found', 'Pipeline not found');
export const stageIdPipe = pathIdPipe('stage_not_found', 'Stage not found');
export const dealIdPipe = pathIdPipe('deal_not_found', 'Deal not found');
export const taskIdPipe = pathIdPipe('task_not_found', 'Task not found');

export const pipelineNotFound = () => new NotFoundException(coded('pipeline_not_found', 'Pipeline not found'));
export const stageNotFound = () => new NotFoundException(coded('stage_not_found', 'Stage not found'));
export const dealNotFound = () => new NotFoundException(coded('deal_not_found', 'Deal not found'));
export const taskNotFound = () => new NotFoundException(coded('task_not_found', 'Task not found'));
