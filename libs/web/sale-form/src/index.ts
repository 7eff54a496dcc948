export * from './lib/sale-form-dialog';
export * from './lib/sale-form';
