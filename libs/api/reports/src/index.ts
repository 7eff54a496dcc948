export * from './lib/reports.module';
export * from './lib/reports.service';
export * from './lib/generation/report-narrator';
export * from './lib/generation/report-draft';
export * from './lib/generation/report-generator';
export * from './lib/schedule/report-scheduler';
export * from './lib/schedule/next-run';
export * from './lib/export/report-exports';
