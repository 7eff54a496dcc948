export * from './lib/sale-status-chip';
export * from './lib/return-chip';
export * from './lib/dialogs/sale-form-dialog';
export * from './lib/sales.routes';
export * from './lib/paginator-intl';
