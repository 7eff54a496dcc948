import { type Language, LOCALES } from '../language';

/** The decimal separator of the language: `,` in Russian, `.` in English. */
export function decimalSeparator(lang: Language): string {
  return new Intl.NumberFormat(LOCALES[lang]).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
}

/**
 * A decimal string (`"70.90"`, as the API sends it) as a money input shows it in the language:
 * `70,90` in Russian, `70.90` in English; no grouping, so it stays easy to edit. Anything that is
 * not a plain decimal is returned as it is.
 */
export function decimalInput(value: string | number | null | undefined, lang: Language): string {
  if (value === null || value === undefined) return '';
  const text = String(value).trim();
  return /^-?\d+(\.\d+)?$/.test(text) ? text.replace('.', decimalSeparator(lang)) : text;
}
