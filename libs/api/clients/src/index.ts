export * from './lib/clients.module';
export * from './lib/clients.service';
export * from './lib/notes.service';
export * from './lib/interactions.service';
export * from './lib/clients.writer';
export * from './lib/client-rows';
export * from './lib/client-id.pipe';
export * from './lib/client-filters';
