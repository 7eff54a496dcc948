export * from './lib/integration.module';
export * from './lib/integration-route.decorator';
