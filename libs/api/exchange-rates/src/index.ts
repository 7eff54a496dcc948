export * from './lib/exchange-rates.module';
export * from './lib/exchange-rates.service';
