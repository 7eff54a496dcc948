export * from './lib/api-key-auth.decorator';
export * from './lib/api-key.guard';
export * from './lib/api-keys.module';
export * from './lib/api-keys.service';
export * from './lib/key-material';
