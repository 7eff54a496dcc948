export * from './lib/integration.module';
export * from './lib/integration-route.decorator';
export * from './lib/rate-limiter';
