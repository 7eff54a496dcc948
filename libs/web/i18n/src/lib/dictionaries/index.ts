import type { DictionaryShape, KeyPaths } from './dictionary';
import type { ru } from './ru';

/** The shape every language has: the Russian dictionary with its texts widened to `string`. */
export type Dictionary = DictionaryShape<typeof ru>;

/** A dotted path to one text, checked at compile time in code and in templates. */
export type TranslationKey = KeyPaths<Dictionary>;
