export * from './lib/imports.routes';
