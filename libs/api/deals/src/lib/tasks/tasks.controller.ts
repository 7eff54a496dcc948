import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UsePipes } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompanyRoute } from '@crm/api/companies';
import { ApiErrors, type CompanyScope, Scope, StorableTextPipe } from '@crm/api/core';
import { CreateTaskDto, ListTasksQueryDto, TaskPageResponse, TaskResponse, UpdateTaskDto } from '@crm/shared/contracts';
import { taskIdPipe } from '../ids';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@CompanyRoute()
@UsePipes(StorableTextPipe)
@Controller('companies/:companyId/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({
    summary: 'Tasks: undone overdue ones first, then by due time; filters by assignee, due, done, deal, client',
  })
  @ApiOkResponse({ type: TaskPageResponse })
  @ApiErrors(400)
  list(@Scope() scope: CompanyScope, @Query() query: ListTasksQueryDto): Promise<TaskPageResponse> {
    return this.tasks.list(scope, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a task on a deal, a client or standalone (assignee: the caller unless given)' })
  @ApiCreatedResponse({ type: TaskResponse })
  @ApiErrors(400)
  create(@Scope() scope: CompanyScope, @Body() dto: CreateTaskDto): Promise<TaskResponse> {
    return this.tasks.create(scope, dto);
  }

  @Get(':taskId')
  @ApiOperation({ summary: 'A task' })
  @ApiOkResponse({ type: TaskResponse })
  get(@Scope() scope: CompanyScope, @Param('taskId', taskIdPipe) taskId: string): Promise<TaskResponse> {
    return this.tasks.get(scope, taskId);
  }

  @Patch(':taskId')
  @ApiOperation({ summary: 'Change a task, or mark it done or undone' })
  @ApiOkResponse({ type: TaskResponse })
  @ApiErrors(400)
  update(
    @Scope() scope: CompanyScope,
    @Param('taskId', taskIdPipe) taskId: string,
    @Body() dto: UpdateTaskDto,
  ): Promise<TaskResponse> {
    return this.tasks.update(scope, taskId, dto);
  }

  @Delete(':taskId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a task' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@Scope() scope: CompanyScope, @Param('taskId', taskIdPipe) taskId: string): Promise<void> {
    await this.tasks.remove(scope, taskId);
  }
}
