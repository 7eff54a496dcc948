export * from './lib/export/export-menu';
export * from './lib/imports.routes';
