export * from './lib/customers';
export * from './lib/rules';
export * from './lib/forecast';
