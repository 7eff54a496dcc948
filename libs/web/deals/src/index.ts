export * from './lib/board/column-sums';
