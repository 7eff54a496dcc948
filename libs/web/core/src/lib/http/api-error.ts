import { HttpErrorResponse } from '@angular/common/http';
import type { FieldError } from '@crm/shared/contracts';
import type { I18n } from '@crm/web/i18n';

/** The HTTP status of a failed call, `0` for a network failure, `null` if it was not HTTP. */
export function httpStatus(error: unknown): number | null {
  return error instanceof HttpErrorResponse ? error.status : null;
}

function errorBody(error: unknown): Record<string, unknown> | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const body: unknown = error.error;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
}

/** The human-readable `message` of the contract's error body, if any (English: prefer `describeError`). */
export function serverMessage(error: unknown): string | null {
  const message = errorBody(error)?.['message'];
  if (typeof message === 'string' && message.trim()) return message;
  if (Array.isArray(message) && message.length) return message.join('; ');
  return null;
}

/** The stable machine-readable `code` of the contract's error body, if any. */
export function errorCode(error: unknown): string | null {
  const code = errorBody(error)?.['code'];
  return typeof code === 'string' && code ? code : null;
}

function errorDetails(error: unknown): FieldError[] {
  const details = errorBody(error)?.['details'];
  return Array.isArray(details) ? (details as FieldError[]) : [];
}

/**
 * One reason for a field refused by the server, in the interface language: by its rule code
 * (`details[].codes`), else the server's own words.
 */
export function describeFieldRule(i18n: I18n, field: string, code: string | undefined, message: string): string {
  const key = `fieldRules.${code ?? ''}`;
  if (!code || !i18n.has(key)) return message;
  return i18n.t('fieldRules.field', { field, reason: i18n.t(key) });
}

/**
 * The server's error in the interface language, translated by its `code` (and each bad field's
 * rule codes); null when the answer has no code this client knows.
 */
export function translatedError(error: unknown, i18n: I18n): string | null {
  const details = errorDetails(error);
  if (details.length > 0) {
    return details
      .flatMap((d) => d.messages.map((message, i) => describeFieldRule(i18n, d.field, d.codes?.[i], message)))
      .join('; ');
  }
  const code = errorCode(error);
  const key = `errorCodes.${code ?? ''}`;
  return code && i18n.has(key) ? i18n.t(key) : null;
}

/** Seconds to wait from a 429's `Retry-After` (delta-seconds or an HTTP date); at least 1. */
export function retryAfterSeconds(error: unknown, now: number = Date.now()): number | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const header = error.headers?.get('Retry-After');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(1, Math.ceil((date - now) / 1000));
}

/**
 * A sentence for a failed call in the interface language: by the answer's `code` where this
 * client knows it, else by status, and the server's (English) message only as the last resort.
 */
export function describeError(error: unknown, i18n: I18n): string {
  const status = httpStatus(error);
  if (status === 0) return i18n.t('errors.network');
  if (status === 429) return i18n.t('errors.tooManyAttempts', { seconds: retryAfterSeconds(error) ?? 60 });
  if (status !== null && status >= 500) return i18n.t('errors.server');
  const translated = translatedError(error, i18n);
  if (translated) return translated;
  if (status === 403) return i18n.t('errors.forbidden');
  if (status === 404) return i18n.t('errors.notFound');
  return serverMessage(error) ?? i18n.t('errors.generic');
}
