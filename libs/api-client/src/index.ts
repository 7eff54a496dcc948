export * from './lib/crm-client';
export type { components, operations, paths } from './lib/openapi';
export * from './lib/retry-after';
