import { HttpErrorResponse } from '@angular/common/http';
import type { I18n } from '@crm/web/i18n';

/** The HTTP status of a failed call, `0` for a network failure, `null` if it was not HTTP. */
export function httpStatus(error: unknown): number | null {
  return error instanceof HttpErrorResponse ? error.status : null;
}

/** The human-readable `message` of the contract's error body, if any. */
export function serverMessage(error: unknown): string | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const body: unknown = error.error;
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === 'string' && message.trim()) return message;
    if (Array.isArray(message) && message.length) return message.join('; ');
  }
  return null;
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

/** A translated sentence for a failed call that a screen has no more specific text for. */
export function describeError(error: unknown, i18n: I18n): string {
  const status = httpStatus(error);
  if (status === 0) return i18n.t('errors.network');
  if (status === 403) return i18n.t('errors.forbidden');
  if (status === 404) return i18n.t('errors.notFound');
  if (status === 429) return i18n.t('errors.tooManyAttempts', { seconds: retryAfterSeconds(error) ?? 60 });
  if (status !== null && status >= 500) return i18n.t('errors.server');
  return serverMessage(error) ?? i18n.t('errors.generic');
}
