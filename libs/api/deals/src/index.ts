export * from './lib/deals.module';
export * from './lib/ids';
export * from './lib/pipelines/pipelines.service';
export * from './lib/deals/deals.service';
export * from './lib/deals/deal-rows';
export * from './lib/tasks/tasks.service';
