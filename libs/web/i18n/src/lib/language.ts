/** The languages the interface speaks. Russian is the default and the source of truth. */
export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'ru';

/** BCP 47 locale used for Intl formatting and `<html lang>`. */
export const LOCALES: Record<Language, string> = {
  ru: 'ru-RU',
  en: 'en-US',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
