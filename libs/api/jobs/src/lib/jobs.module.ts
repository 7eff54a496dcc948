import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@crm/api/core';
import { Clock } from './clock';
import { JOB_QUEUE_OPTIONS, JobQueue, type JobQueueOptions } from './job-queue';

/** The durable job queue (pg-boss over the API's database) and the clock background work runs by. */
@Global()
@Module({
  providers: [
    {
      provide: JOB_QUEUE_OPTIONS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): JobQueueOptions => ({
        pollingSeconds: config.jobs.pollingSeconds,
        maintenanceSeconds: config.jobs.maintenanceSeconds,
        workers: true,
      }),
    },
    JobQueue,
    Clock,
  ],
  exports: [JobQueue, Clock],
})
export class JobsModule {}
