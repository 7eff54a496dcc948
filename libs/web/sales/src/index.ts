export * from './lib/sales.routes';
