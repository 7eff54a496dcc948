export * from './lib/clients.module';
export * from './lib/clients.service';
export * from './lib/clients.writer';
export * from './lib/client-rows';
export * from './lib/client-id.pipe';
