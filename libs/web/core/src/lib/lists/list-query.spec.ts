import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, type Params, Router } from '@angular/router';
import { BehaviorSubject } from 'rxjs';
import {
  matToSort,
  queryChoice,
  queryDay,
  queryPageSize,
  queryPositiveInt,
  querySort,
  queryText,
  sortToMat,
  stateToQuery,
  UrlListState,
} from './list-query';

interface State {
  q: string;
  sort: string;
  page: number;
  pageSize: number;
}

const DEFAULTS: State = { q: '', sort: '-createdAt', page: 1, pageSize: 50 };
const read = (params: Params): State => ({
  q: queryText(params['q']),
  sort: querySort(params['sort'], ['name', 'createdAt'], DEFAULTS.sort),
  page: queryPositiveInt(params['page'], 1),
  pageSize: queryPageSize(params['pageSize'], [25, 50, 100], DEFAULTS.pageSize),
});

describe('list query readers', () => {
  it('keep what is valid and fall back to the default for anything else', () => {
    expect(queryText('  Анна ')).toBe('Анна');
    expect(queryText(['a', 'b'])).toBe('');
    expect(queryPositiveInt('3', 1)).toBe(3);
    expect(queryPositiveInt('-2', 1)).toBe(1);
    expect(queryPositiveInt('2.5', 1)).toBe(1);
    expect(queryDay('2026-03-31')).toBe('2026-03-31');
    expect(queryDay('31.03.2026')).toBe('');
    expect(queryChoice('yes', ['yes', 'no'], '')).toBe('yes');
    expect(queryChoice('maybe', ['yes', 'no'], '')).toBe('');
    expect(querySort('-name', ['name'], '-createdAt')).toBe('-name');
    expect(querySort('password', ['name'], '-createdAt')).toBe('-createdAt');
    expect(queryPageSize('100', [25, 50, 100], 50)).toBe(100);
    expect(queryPageSize('100000', [25, 50, 100], 50)).toBe(50);
  });

  it('leave defaults out of the URL and encode the rest', () => {
    expect(stateToQuery({ ...DEFAULTS, q: 'ivan', page: 2 }, DEFAULTS)).toEqual({
      q: 'ivan',
      sort: null,
      page: 2,
      pageSize: null,
    });
    const flags = { mine: false, view: 'board' };
    expect(stateToQuery({ mine: true, view: 'board' }, flags, (key, value) => (key === 'mine' ? '1' : value))).toEqual({
      mine: '1',
      view: null,
    });
  });

  it('turn a sort into mat-sort state and back, the default when cleared', () => {
    expect(sortToMat('-name')).toEqual({ active: 'name', direction: 'desc' });
    expect(sortToMat('name')).toEqual({ active: 'name', direction: 'asc' });
    expect(matToSort('name', 'desc', '-createdAt')).toBe('-name');
    expect(matToSort('name', '', '-createdAt')).toBe('-createdAt');
  });
});

@Component({ selector: 'crm-test-list', template: '' })
class TestList {
  readonly list = new UrlListState<State>({
    read,
    write: (state) => stateToQuery(state, DEFAULTS),
    defaultSort: DEFAULTS.sort,
  });
}

describe('UrlListState', () => {
  const params = new BehaviorSubject<Params>({ q: 'anna', page: '3' });
  let navigate: jest.SpyInstance;

  function create(): UrlListState<State> {
    TestBed.configureTestingModule({
      providers: [
        { provide: ActivatedRoute, useValue: { queryParams: params, snapshot: { queryParams: params.value } } },
        { provide: Router, useValue: { navigate: jest.fn().mockResolvedValue(true) } },
      ],
    });
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate');
    return TestBed.createComponent(TestList).componentInstance.list;
  }

  it('follows the URL', () => {
    const list = create();
    expect(list.value()).toEqual({ ...DEFAULTS, q: 'anna', page: 3 });
    params.next({ sort: 'name' });
    expect(list.value()).toEqual({ ...DEFAULTS, sort: 'name' });
    expect(list.matSort()).toEqual({ active: 'name', direction: 'asc' });
    params.next({ q: 'anna', page: '3' });
  });

  it('goes back to page 1 on a new filter or sort, keeps the filters when paging', () => {
    const list = create();
    const route = TestBed.inject(ActivatedRoute);
    list.filter({ q: 'ivan' });
    expect(navigate).toHaveBeenLastCalledWith([], {
      relativeTo: route,
      queryParams: { q: 'ivan', sort: null, page: null, pageSize: null },
      queryParamsHandling: 'merge',
    });
    list.sort({ active: 'name', direction: 'desc' });
    expect(navigate.mock.lastCall[1].queryParams).toEqual({ q: 'anna', sort: '-name', page: null, pageSize: null });
    list.sort({ active: 'name', direction: '' });
    expect(navigate.mock.lastCall[1].queryParams.sort).toBeNull();
    list.page({ pageIndex: 4, pageSize: 100 });
    expect(navigate.mock.lastCall[1].queryParams).toEqual({ q: 'anna', sort: null, page: 5, pageSize: 100 });
  });
});
