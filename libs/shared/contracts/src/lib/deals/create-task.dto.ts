import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsOmittable } from '../common/optional';
import { toBoolean } from '../common/transforms';
import { IsText, IsTimestamp } from '../common/validators';
import { TASK_TITLE_MAX_LENGTH } from './deal-model';
import { TASK_TYPES, type TaskType } from './task-type';

/**
 * `POST /tasks`: a task on a deal, on a client, or standalone. With a deal and no client, the
 * client is the deal's; both given, they must match. The assignee defaults to the caller and must
 * be a member of the company.
 */
export class CreateTaskDto {
  /** @example "Отправить коммерческое предложение" */
  @IsText(1, TASK_TITLE_MAX_LENGTH)
  title!: string;

  /** @example "email" */
  @IsIn(TASK_TYPES)
  type!: TaskType;

  /** @example "2026-12-03T15:00:00+03:00" */
  @IsTimestamp()
  dueAt!: string;

  @IsOmittable()
  @IsUUID()
  assigneeId?: string;

  @IsOptional()
  @IsUUID()
  dealId?: string | null;

  @IsOptional()
  @IsUUID()
  clientId?: string | null;

  /** @example false */
  @IsOmittable()
  @Transform(toBoolean)
  @IsBoolean()
  done?: boolean;
}
