import { DOCUMENT } from '@angular/common';
import { computed, type EnvironmentProviders, inject, Injectable, provideAppInitializer, signal } from '@angular/core';
import type { Plural, TranslationParams } from './dictionaries/dictionary';
import { isPlural } from './dictionaries/dictionary';
import { DICTIONARIES } from './dictionaries/dictionaries';
import type { TranslationKey } from './dictionaries/index';
import { formatNumber } from './format/format';
import { DEFAULT_LANGUAGE, isLanguage, type Language, LOCALES } from './language';

export const LANGUAGE_STORAGE_KEY = 'crm.language';

/**
 * Loads the remembered language's texts before the first render, so `t()` and the `t` pipe stay
 * synchronous. The app bootstraps with it; specs install the texts with `@crm/web/i18n/testing`.
 */
export function provideI18n(): EnvironmentProviders {
  return provideAppInitializer(() => inject(I18n).ready());
}

/**
 * The interface language: a signal, so templates, `computed()` and the `t` pipe follow a switch
 * at once without a reload. The choice is remembered in localStorage and mirrored to `<html lang>`.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly dictionaries = inject(DICTIONARIES);
  private readonly current = signal<Language>(this.storedLanguage());
  /** The language last asked for: a slow load must not undo a later switch. */
  private requested: Language = this.current();

  readonly language = this.current.asReadonly();
  readonly locale = computed(() => LOCALES[this.current()]);

  constructor() {
    this.document.documentElement.lang = this.current();
  }

  /** Loads the current language's texts (at start, see `provideI18n`). */
  ready(): Promise<void> {
    return this.dictionaries.load(this.current());
  }

  /**
   * Switches the language. Texts already here switch at once; otherwise the language's chunk is
   * fetched first and the whole page switches when it arrives (if nothing else was chosen since).
   * A failed fetch leaves the current language in place; the next switch tries again.
   */
  use(lang: Language): void {
    this.requested = lang;
    if (this.dictionaries.texts(lang)) {
      this.apply(lang);
      return;
    }
    this.dictionaries.load(lang).then(
      () => {
        if (this.requested === lang) this.apply(lang);
      },
      (error: unknown) => {
        if (this.requested === lang) this.requested = this.current();
        console.error(`Could not load the ${lang} texts`, error);
      },
    );
  }

  toggle(): void {
    this.use(this.current() === 'ru' ? 'en' : 'ru');
  }

  private apply(lang: Language): void {
    this.current.set(lang);
    this.document.documentElement.lang = lang;
    try {
      this.document.defaultView?.localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
    } catch {
      // Storage can be unavailable (private mode, quota); the switch still works for this tab.
    }
  }

  /** Whether `key` names a text (for keys built at run time, e.g. from a server's error code). */
  has(key: string): key is TranslationKey {
    return this.dictionaries.texts(this.current())?.has(key) ?? false;
  }

  /**
   * The text for `key` in the current language with `{placeholders}` filled in. Every language has
   * every key (a compile error otherwise), so there is no fallback; before `ready()` it is the key.
   */
  t(key: TranslationKey, params?: TranslationParams): string {
    const lang = this.current();
    const entry = this.dictionaries.texts(lang)?.get(key);
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
