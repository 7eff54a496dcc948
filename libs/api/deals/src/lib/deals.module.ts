import { Module } from '@nestjs/common';
import { SalesModule } from '@crm/api/sales';
import { DealActivityController } from './activity/deal-activity.controller';
import { DealActivityService } from './activity/deal-activity.service';
import { ClientDealsController, DealsController } from './deals/deals.controller';
import { DealsService } from './deals/deals.service';
import { PipelinesController } from './pipelines/pipelines.controller';
import { PipelinesService } from './pipelines/pipelines.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';

/** Pipelines with their stages, deals with their stage history, notes and interactions, and tasks (issue 13). */
@Module({
  imports: [SalesModule],
  controllers: [PipelinesController, DealsController, ClientDealsController, DealActivityController, TasksController],
  providers: [PipelinesService, DealsService, DealActivityService, TasksService],
  exports: [PipelinesService, DealsService, TasksService],
})
export class DealsModule {}
