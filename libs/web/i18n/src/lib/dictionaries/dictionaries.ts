import { InjectionToken } from '@angular/core';
import type { Language } from '../language';
import { flattenDictionary, type Plural } from './dictionary';
import type { Dictionary } from './index';

/** How each language's texts are fetched. */
export type DictionaryLoaders = Record<Language, () => Promise<Dictionary>>;

/**
 * Each language in a chunk of its own, fetched on demand: the start screen downloads only the
 * language it speaks (the initial bundle holds no dictionary at all), the other one when the
 * user switches.
 */
export const LAZY_DICTIONARY_LOADERS: DictionaryLoaders = {
  ru: () => import('./ru').then((m) => m.ru),
  en: () => import('./en').then((m) => m.en),
};

/** The languages whose texts are here, flattened to `path → text`, and the loads under way. */
export class Dictionaries {
  private readonly flat = new Map<Language, Map<string, string | Plural>>();
  private readonly loading = new Map<Language, Promise<void>>();

  constructor(private readonly loaders: DictionaryLoaders) {}

  /** Puts a language's texts in place at once (used by `load`, and by specs through `@crm/web/i18n/testing`). */
  install(lang: Language, dictionary: Dictionary): void {
    this.flat.set(lang, flattenDictionary(dictionary));
  }

  /** The texts of `lang`, or `undefined` while they are not loaded. */
  texts(lang: Language): ReadonlyMap<string, string | Plural> | undefined {
    return this.flat.get(lang);
  }

  /** Fetches `lang` once; a failed fetch is forgotten, so the next call tries again. */
  load(lang: Language): Promise<void> {
    if (this.flat.has(lang)) return Promise.resolve();
    let pending = this.loading.get(lang);
    if (!pending) {
      pending = this.loaders[lang]().then(
        (dictionary) => {
          this.install(lang, dictionary);
          this.loading.delete(lang);
        },
        (error: unknown) => {
          this.loading.delete(lang);
          throw error;
        },
      );
      this.loading.set(lang, pending);
    }
    return pending;
  }
}

/** One store for the whole page: the texts are static, whichever injector asks. */
export const SHARED_DICTIONARIES = new Dictionaries(LAZY_DICTIONARY_LOADERS);

/** Where `I18n` finds its texts; a spec may provide a store with its own loaders. */
export const DICTIONARIES = new InjectionToken<Dictionaries>('crm.dictionaries', {
  providedIn: 'root',
  factory: () => SHARED_DICTIONARIES,
});
