/** The languages the server writes text in (reports, assistant answers). */
export type TextLanguage = 'ru' | 'en';

const MONTH_FORMATS: Record<TextLanguage, Intl.DateTimeFormat> = {
  ru: new Intl.DateTimeFormat('ru-RU', { month: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' }),
};

/**
 * A month's name as it stands alone (1 → `январь` / `January`), as Intl writes it: the one source for
 * the reports' tables and sentences and the assistant's answers.
 */
export function monthName(month: number, lang: TextLanguage): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`No month ${month}`);
  return MONTH_FORMATS[lang].format(new Date(Date.UTC(2000, month - 1, 1)));
}
