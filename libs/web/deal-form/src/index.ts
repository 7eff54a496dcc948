export * from './lib/client-deals';
export * from './lib/deal-form';
export * from './lib/deal-form-dialog';
export * from './lib/deal-status-chip';
export * from './lib/interaction-dialog';
export * from './lib/money-sums';
