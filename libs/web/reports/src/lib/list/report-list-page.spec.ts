import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { ActivatedRoute, convertToParamMap, Router } from '@angular/router';
import { BehaviorSubject } from 'rxjs';
import { providePageTesting } from '@crm/web/core/testing';
import { readyReport, runningReport, romashkaOwner } from '../testing/report-fixtures';
import { ReportListPage, reportListState } from './report-list-page';

jest.setTimeout(30_000);

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('reportListState', () => {
  it('reads the scope, type, search and page from the URL and ignores what it does not know', () => {
    expect(reportListState({ scope: 'shared', type: 'sales-trends', q: ' осень ', page: '2' })).toEqual({
      scope: 'shared',
      type: 'sales-trends',
      q: 'осень',
      page: 2,
    });
    expect(reportListState({ scope: 'everyone', type: 'sales', page: '-1' })).toEqual({
      scope: 'all',
      type: '',
      q: '',
      page: 1,
    });
  });
});

describe('ReportListPage', () => {
  let params: BehaviorSubject<Record<string, string>>;

  beforeEach(() => {
    params = new BehaviorSubject<Record<string, string>>({});
    TestBed.configureTestingModule({
      providers: [
        ...providePageTesting(romashkaOwner()),
        provideNoopAnimations(),
        {
          provide: ActivatedRoute,
          useValue: {
            queryParams: params,
            snapshot: { queryParams: {}, paramMap: convertToParamMap({}) },
          },
        },
      ],
    });
  });

  it('lists the reports newest first with their type, period, author, sharing and status', async () => {
    const fixture = TestBed.createComponent(ReportListPage);
    fixture.detectChanges();
    const backend = TestBed.inject(HttpTestingController);
    const request = backend.expectOne((req) => req.url === '/api/companies/c1/reports');
    expect(request.request.params.get('scope')).toBe('all');
    expect(request.request.params.get('sort')).toBe('-createdAt');
    request.flush({
      items: [
        readyReport({ sharedWith: { company: true, users: [] }, scheduled: true }),
        { ...readyReport({ id: 'r2', title: 'Обзор за ноябрь', type: 'sales-overview' }), status: 'failed' },
      ],
      total: 2,
      page: 1,
      pageSize: 25,
    });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const items = Array.from(element.querySelectorAll('[data-testid="report-item"]'));
    expect(items).toHaveLength(2);
    expect(text(items[0])).toContain('Тенденции за осень');
    expect(text(items[0])).toContain('Тенденции продаж · 1 сент. 2026 — 30 нояб. 2026 · RUB');
    expect(text(items[0])).toContain('Автор: anna');
    expect(text(items[0])).toContain('открыт всей компании');
    expect(text(items[0])).toContain('по расписанию');
    expect(text(items[0].querySelector('[data-testid="report-status"]'))).toBe('Готов');
    expect(text(items[1].querySelector('[data-testid="report-status"]'))).toBe('Ошибка');
    expect(items[0].querySelector('a')?.getAttribute('href')).toBe('/reports/r1');
  });

  it('asks the server for the scope, type and search of the URL, and polls while a report is built', async () => {
    params.next({ scope: 'mine', type: 'sales-trends', q: 'осень' });
    const fixture = TestBed.createComponent(ReportListPage);
    fixture.detectChanges();
    const backend = TestBed.inject(HttpTestingController);
    const request = backend.expectOne((req) => req.url === '/api/companies/c1/reports');
    expect(request.request.params.get('scope')).toBe('mine');
    expect(request.request.params.get('type')).toBe('sales-trends');
    expect(request.request.params.get('q')).toBe('осень');
    request.flush({ items: [runningReport(0.3)], total: 1, page: 1, pageSize: 25 });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(text(element.querySelector('[data-testid="report-status"]'))).toBe('Формируется');
    expect(element.querySelector('mat-progress-bar')).not.toBeNull();

    await new Promise((resolve) => setTimeout(resolve, 2100));
    backend
      .expectOne((req) => req.url === '/api/companies/c1/reports')
      .flush({ items: [readyReport()], total: 1, page: 1, pageSize: 25 });
    await fixture.whenStable();
    expect(text(element.querySelector('[data-testid="report-status"]'))).toBe('Готов');
  });

  it('says what to do when there are no reports, and offers to clear a search that found none', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(ReportListPage);
    fixture.detectChanges();
    const backend = TestBed.inject(HttpTestingController);
    backend
      .expectOne((req) => req.url === '/api/companies/c1/reports')
      .flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(text(element)).toContain('Отчётов пока нет');
    expect(element.querySelector('crm-empty-state a')?.getAttribute('href')).toBe('/reports/new');

    params.next({ q: 'нет такого' });
    fixture.detectChanges();
    backend
      .expectOne((req) => req.url === '/api/companies/c1/reports')
      .flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await fixture.whenStable();
    expect(text(element)).toContain('Ничего не нашлось');
    (element.querySelector('crm-empty-state button') as HTMLButtonElement).click();
    expect(navigate).toHaveBeenCalledWith(
      [],
      expect.objectContaining({ queryParams: { scope: null, type: null, q: null, page: null } }),
    );
  });
});
