import { DOCUMENT } from '@angular/common';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { Plural, TranslationParams } from './dictionaries/dictionary';
import { flattenDictionary, isPlural } from './dictionaries/dictionary';
import { DICTIONARIES } from './dictionaries/dictionaries';
import type { TranslationKey } from './dictionaries/index';
import { formatNumber } from './format/format';
import { DEFAULT_LANGUAGE, isLanguage, type Language, LOCALES } from './language';

export const LANGUAGE_STORAGE_KEY = 'crm.language';

const FLAT = new Map<Language, Map<string, string | Plural>>();

function flat(lang: Language): Map<string, string | Plural> {
  let map = FLAT.get(lang);
  if (!map) {
    map = flattenDictionary(DICTIONARIES[lang]);
    FLAT.set(lang, map);
  }
  return map;
}

/**
 * The interface language: a signal, so templates, `computed()` and the `t` pipe follow a switch
 * at once without a reload. The choice is remembered in localStorage and mirrored to `<html lang>`.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Language>(this.storedLanguage());

  readonly language = this.current.asReadonly();
  readonly locale = computed(() => LOCALES[this.current()]);

  constructor() {
    this.document.documentElement.lang = this.current();
  }

  use(lang: Language): void {
    this.current.set(lang);
    this.document.documentElement.lang = lang;
    try {
      this.document.defaultView?.localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
    } catch {
      // Storage can be unavailable (private mode, quota); the switch still works for this tab.
    }
  }

  toggle(): void {
    this.use(this.current() === 'ru' ? 'en' : 'ru');
  }

  /** Whether `key` names a text (for keys built at run time, e.g. from a server's error code). */
  has(key: string): key is TranslationKey {
    return flat(DEFAULT_LANGUAGE).has(key);
  }

  /** The text for `key` in the current language with `{placeholders}` filled in. */
  t(key: TranslationKey, params?: TranslationParams): string {
    const lang = this.current();
    const entry = flat(lang).get(key) ?? flat(DEFAULT_LANGUAGE).get(key);
    if (entry === undefined) return key;
    const template = isPlural(entry) ? this.pluralForm(entry, lang, params?.['count']) : entry;
    return params ? interpolate(template, params, lang) : template;
  }

  private pluralForm(plural: Plural, lang: Language, count: string | number | undefined): string {
    const n = typeof count === 'number' ? count : Number(count ?? 0);
    const category = new Intl.PluralRules(LOCALES[lang]).select(n);
    return (plural as unknown as Record<string, string | undefined>)[category] ?? plural.other;
  }

  private storedLanguage(): Language {
    try {
      const stored = this.document.defaultView?.localStorage.getItem(LANGUAGE_STORAGE_KEY);
      return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
    } catch {
      return DEFAULT_LANGUAGE;
    }
  }
}

export function interpolate(template: string, params: TranslationParams, lang: Language): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    if (value === undefined) return match;
    return typeof value === 'number' ? formatNumber(value, lang) : value;
  });
}
