export * from './lib/shell';
