export * from './lib/clients-api';
export * from './lib/clients.routes';
