import { computed, type ResourceRef } from '@angular/core';
import type { ApiParams } from '@crm/web/data-access';
import type { Observable } from 'rxjs';
import { companyKey, keyedResource } from '../companies/company-record';
import { valueOr } from '../http/resource-value';
import { type ListQueryCodec, UrlListState } from './list-query';

export interface CompanyListOptions<S extends { page: number }, P> extends ListQueryCodec<S> {
  /** Whether the state filters the list (an empty page then means "nothing matches"). */
  filtered(state: S): boolean;
  /** The state's filters as the API takes them, without paging and sort (the export's). */
  filters(state: S): ApiParams;
  /** The API's query for a state: the filters with paging and sort. */
  query(state: S): ApiParams;
  /** Loads a page of the active company's list. */
  load(companyId: string, query: ApiParams): Observable<P>;
}

/**
 * A full-width list page of the active company's records (clients, sales): its {@link UrlListState},
 * whether it is filtered, the filters for the export, and the page loaded for the URL's state
 * (`rows` for `crm-list-card`'s `source`, `loaded()` to read). Create it in an injection context
 * (a component's field).
 */
export class CompanyList<S extends { page: number }, P> extends UrlListState<S> {
  readonly filtered = computed(() => this.options.filtered(this.value()));
  readonly filters = computed(() => this.options.filters(this.value()));
  readonly rows: ResourceRef<P | undefined>;
  /** The loaded page of rows, or null while it loads or after it failed. */
  readonly loaded = computed(() => valueOr(this.rows, null));

  constructor(private readonly options: CompanyListOptions<S, P>) {
    super(options);
    this.rows = keyedResource(
      companyKey(() => ({ query: options.query(this.value()) })),
      (key) => options.load(key.companyId, key.query),
    );
  }
}
