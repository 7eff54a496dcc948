import { computed, inject, type Resource, type ResourceRef, type Signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { I18n, type TranslationKey } from '@crm/web/i18n';
import type { Observable } from 'rxjs';
import { describeError, httpStatus } from '../http/api-error';
import { CompanyContext } from './company-context';

/**
 * The pieces of a record page (a client, a deal, a sale, a report): the key its requests share, the
 * resources loaded by that key, and the load failure in words. Create them in an injection context
 * (a component's fields).
 *
 *   private readonly key = companyKey(() => ({ dealId: this.dealId() }));
 *   protected readonly deal = keyedResource(this.key, (key) => this.api.get(key.companyId, key.dealId));
 *   protected readonly loadError = loadErrorText(this.deal, 'deals.detail.notFound');
 */

/** The active company's id with the page's own ids; undefined while no company is active. */
export function companyKey<P extends object>(ids: () => P): Signal<(P & { companyId: string }) | undefined> {
  const context = inject(CompanyContext);
  return computed(() => {
    const companyId = context.activeId();
    return companyId ? { ...ids(), companyId } : undefined;
  });
}

/** A resource loaded by the key: it waits while the key is undefined and reloads when it changes. */
export function keyedResource<K, T>(
  key: () => K | undefined,
  stream: (key: K) => Observable<T>,
): ResourceRef<T | undefined> {
  return rxResource({ params: key, stream: ({ params }) => stream(params) });
}

/** Why the record did not load: `notFound` for a 404, the server's words otherwise; null while it did not fail. */
export function loadErrorText(resource: Resource<unknown>, notFound: TranslationKey): Signal<string | null> {
  const i18n = inject(I18n);
  return computed(() => {
    const error = resource.error();
    if (!error) return null;
    return httpStatus(error) === 404 ? i18n.t(notFound) : describeError(error, i18n);
  });
}
