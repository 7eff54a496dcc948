import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsOmittable } from '../common/optional';
import { toBoolean } from '../common/transforms';
import { IsText, IsTimestamp } from '../common/validators';
import { TASK_TITLE_MAX_LENGTH } from './deal-model';
import { TASK_TYPES, type TaskType } from './task-type';

/** `PATCH /tasks/:taskId`: omitted fields keep their value; `null` detaches the deal or client. */
export class UpdateTaskDto {
  /** @example "Отправить счёт" */
  @IsOmittable()
  @IsText(1, TASK_TITLE_MAX_LENGTH)
  title?: string;

  /** @example "todo" */
  @IsOmittable()
  @IsIn(TASK_TYPES)
  type?: TaskType;

  /** @example "2026-12-04T10:00:00+03:00" */
  @IsOmittable()
  @IsTimestamp()
  dueAt?: string;

  @IsOmittable()
  @IsUUID()
  assigneeId?: string;

  @IsOptional()
  @IsUUID()
  dealId?: string | null;

  @IsOptional()
  @IsUUID()
  clientId?: string | null;

  /** Done (records when) or undone again. @example true */
  @IsOmittable()
  @Transform(toBoolean)
  @IsBoolean()
  done?: boolean;
}
