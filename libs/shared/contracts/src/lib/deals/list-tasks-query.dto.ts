import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { ListQueryDto } from '../common/list-query.dto';
import { toBoolean } from '../common/transforms';
import { TASK_DUE_FILTERS, type TaskDueFilter } from './task-type';

/**
 * `GET /tasks`: undone overdue tasks first, then by due time (done ones after the undone ones);
 * search over the title.
 */
export class ListTasksQueryDto extends ListQueryDto {
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  /** In the company's time zone. @example "today" */
  @IsOptional()
  @IsIn(TASK_DUE_FILTERS)
  due?: TaskDueFilter;

  /** @example false */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  done?: boolean;

  @IsOptional()
  @IsUUID()
  dealId?: string;

  @IsOptional()
  @IsUUID()
  clientId?: string;
}
