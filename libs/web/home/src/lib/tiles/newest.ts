import { computed, inject, type Signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { CompanyContext } from '@crm/web/core';
import type { Observable } from 'rxjs';
import type { TileState } from './home-tile';

export interface Newest<T> {
  /** For `crm-home-tile`'s `state`. */
  state: TileState;
  /** How many there are; 0 until known. */
  total: Signal<number>;
  /** The first of the list, or null. */
  latest: Signal<T | null>;
}

/**
 * A tile's live count and newest record: `load` reads the first page (of one record, newest
 * first) of a list of the active company. Call it in an injection context (a field).
 */
export function newestOf<T>(load: (companyId: string) => Observable<{ total: number; items: T[] }>): Newest<T> {
  const context = inject(CompanyContext);
  const page = rxResource({
    params: () => context.activeId() ?? undefined,
    stream: ({ params }) => load(params),
  });
  return {
    state: page,
    total: computed(() => (page.hasValue() ? page.value().total : 0)),
    latest: computed(() => (page.hasValue() ? (page.value().items[0] ?? null) : null)),
  };
}
