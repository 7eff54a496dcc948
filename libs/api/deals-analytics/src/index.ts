export * from './lib/deals-analytics.module';
export * from './lib/deals-analytics.service';
export * from './lib/funnel.query';
export * from './lib/pipeline.query';
export * from './lib/stuck.query';
export * from './lib/owners.query';
export * from './lib/fx';
export * from './lib/sql-runner';
