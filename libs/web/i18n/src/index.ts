export * from './lib/language';
export type { Plural, TranslationParams } from './lib/dictionaries/dictionary';
export type { Dictionary, TranslationKey } from './lib/dictionaries/index';
export * from './lib/i18n';
export * from './lib/translate-pipe';
export * from './lib/format/format';
export * from './lib/format/format-pipes';
export * from './lib/format/decimal-input';
