export * from './lib/sales.module';
export * from './lib/sales.service';
export * from './lib/sales.writer';
export * from './lib/sale-items';
export * from './lib/sale-rows';
export * from './lib/sale-id.pipe';
export * from './lib/sale-filters';
