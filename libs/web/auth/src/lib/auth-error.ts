import type { I18n, TranslationKey, TranslationParams } from '@crm/web/i18n';
import { describeError, httpStatus } from '@crm/web/core';

/** A form error kept as a key, so it is re-translated when the language switches. */
export type FormError = { key: TranslationKey; params?: TranslationParams } | { error: unknown };

/** The sentence for 401 and 409 depends on the form; 429 and the rest are shared. */
export function authFormError(error: unknown, known: Partial<Record<number, TranslationKey>>): FormError {
  const status = httpStatus(error);
  const key = status === null ? undefined : known[status];
  return key ? { key } : { error };
}

export function formErrorText(formError: FormError | null, retryIn: number, i18n: I18n): string | null {
  if (retryIn > 0) return i18n.t('errors.tooManyAttempts', { seconds: retryIn });
  if (!formError) return null;
  return 'key' in formError ? i18n.t(formError.key, formError.params) : describeError(formError.error, i18n);
}
