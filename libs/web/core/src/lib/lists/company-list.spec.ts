import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { of } from 'rxjs';
import { CompanyContext } from '../companies/company-context';
import { CompanyList } from './company-list';
import { fromQuery, stateToQuery } from './list-query';

interface State {
  q: string;
  page: number;
}
const EMPTY: State = { q: '', page: 1 };

describe('CompanyList', () => {
  it('loads the page of the URL state for the active company, and says whether it is filtered', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: CompanyContext, useValue: { activeId: signal('c1') } }],
    });
    await TestBed.inject(Router).navigateByUrl('/?q=anna&page=2');
    const loads: unknown[] = [];
    const list = TestBed.runInInjectionContext(
      () =>
        new CompanyList<State, { total: number }>({
          read: (params) => ({ q: fromQuery.text(params['q']), page: fromQuery.positiveInt(params['page'], 1) }),
          write: (state) => stateToQuery(state, EMPTY),
          filtered: (state) => !!state.q,
          filters: (state) => ({ q: state.q }),
          query: (state) => ({ q: state.q, page: state.page }),
          load: (companyId, query) => {
            loads.push([companyId, query]);
            return of({ total: 7 });
          },
        }),
    );
    expect(list.value()).toEqual({ q: 'anna', page: 2 });
    expect(list.filtered()).toBe(true);
    expect(list.filters()).toEqual({ q: 'anna' });
    TestBed.tick();
    await TestBed.inject(Router).navigateByUrl('/?q=anna&page=2');
    expect(loads).toEqual([['c1', { q: 'anna', page: 2 }]]);
    expect(list.loaded()).toEqual({ total: 7 });

    // Still a UrlListState: the paginator's page goes to the URL.
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    list.page({ pageIndex: 2, pageSize: 50 });
    expect(navigate.mock.calls[0][1]?.queryParams).toEqual({ q: 'anna', page: 3 });
  });
});
