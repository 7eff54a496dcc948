/**
 * A text that depends on a number: the form is chosen with `Intl.PluralRules`.
 * Russian needs `one`, `few` and `many`; English `one` and `other`.
 * `{count}` inside a form is replaced by the locale-formatted number.
 */
export interface Plural {
  one: string;
  few?: string;
  many?: string;
  other: string;
}

/** Turns the literal type of the Russian dictionary into the shape every language must have. */
export type DictionaryShape<T> = {
  [K in keyof T]: T[K] extends string ? string : T[K] extends Plural ? Plural : DictionaryShape<T[K]>;
};

/** Every dotted path to a text, e.g. `'auth.login.title'`. */
export type KeyPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string | Plural ? `${Prefix}${K}` : KeyPaths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Values substituted into `{name}` placeholders. `count` also picks a plural form. */
export type TranslationParams = Record<string, string | number>;

export function isPlural(value: unknown): value is Plural {
  return typeof value === 'object' && value !== null && 'one' in value && 'other' in value;
}

/** Flattens a nested dictionary into `path → text` for constant-time lookups. */
export function flattenDictionary(source: object, prefix = ''): Map<string, string | Plural> {
  const result = new Map<string, string | Plural>();
  for (const [key, value] of Object.entries(source)) {
    const path = prefix + key;
    if (typeof value === 'string' || isPlural(value)) {
      result.set(path, value);
    } else {
      for (const [nestedKey, nestedValue] of flattenDictionary(value as object, `${path}.`)) {
        result.set(nestedKey, nestedValue);
      }
    }
  }
  return result;
}
