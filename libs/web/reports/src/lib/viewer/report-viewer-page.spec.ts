import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { Router } from '@angular/router';
import { I18n } from '@crm/web/i18n';
import { providePageTesting } from '@crm/web/core/testing';
import { readyReport, runningReport, romashkaOwner } from '../testing/report-fixtures';
import { ReportViewerPage } from './report-viewer-page';

const URL = '/api/companies/c1/reports/r1';
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const spaces = (value: string) => value.replace(/[\u00a0\u202f]/g, ' ');

jest.setTimeout(30_000);

describe('ReportViewerPage', () => {
  let fixture: ComponentFixture<ReportViewerPage>;
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [...providePageTesting(romashkaOwner()), provideNoopAnimations()],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function open(download?: string): Promise<HTMLElement> {
    fixture = TestBed.createComponent(ReportViewerPage);
    fixture.componentRef.setInput('reportId', 'r1');
    if (download) fixture.componentRef.setInput('download', download);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  async function settle(): Promise<void> {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  it('shows the progress while the report is built and polls until it is ready', async () => {
    const element = await open();
    backend.expectOne(URL).flush(runningReport(0.4));
    await settle();

    expect(text(element.querySelector('[data-testid="progress"]'))).toContain('Отчёт формируется');
    expect(text(element.querySelector('[data-testid="progress"]'))).toContain('40 %');
    expect(text(element.querySelector('[data-testid="stage"]'))).toBe('Строим прогноз');
    expect(element.querySelector('[data-testid="export"]')).toBeNull();

    await wait(1100);
    backend.expectOne(URL).flush(readyReport());
    await settle();

    expect(element.querySelector('[data-testid="progress"]')).toBeNull();
    expect(element.querySelector('[data-testid="export"]')).not.toBeNull();
    await wait(1200);
    backend.expectNone(URL);
  });

  it('shows the KPIs with their change, the conclusions, the charts and the tables', async () => {
    const element = await open();
    backend.expectOne(URL).flush(readyReport());
    await settle();

    expect(text(element.querySelector('h1'))).toBe('Тенденции за осень');
    const revenue = spaces(text(element.querySelector('[data-testid="kpi-revenue"]')));
    expect(revenue).toContain('Выручка');
    expect(revenue).toContain('1 500,00 ₽');
    expect(revenue).toContain('+50 %');
    expect(revenue).toContain('было 1 000,00 ₽');
    expect(spaces(text(element.querySelector('[data-testid="kpi-repeatPurchaseRate"]')))).toContain('+5 п. п.');
    expect(text(element.querySelector('[data-testid="insights"]'))).toContain('Выручка выросла на 50 %');
    expect(element.querySelector('[data-testid="chart-trend"] crm-trend-chart')).not.toBeNull();
    expect(element.querySelector('[data-testid="chart-top-clients"] crm-bar-chart')).not.toBeNull();
    expect(text(element.querySelector('[data-testid="table-timeseries"] h3'))).toBe('Продажи по периодам');
    // The client id column is not shown; the name links to the client.
    const clients = element.querySelector('[data-testid="table-top-clients"]') as HTMLElement;
    expect(Array.from(clients.querySelectorAll('th')).map((th) => text(th))).toEqual(['Клиент', 'Выручка']);
    expect(clients.querySelector('a')?.getAttribute('href')).toBe('/clients/c1');
  });

  it('writes the conclusions in English when the interface is English', async () => {
    TestBed.inject(I18n).use('en');
    const element = await open();
    backend.expectOne(URL).flush(readyReport());
    await settle();
    expect(text(element.querySelector('[data-testid="insights"]'))).toContain('Revenue rose 50%');
    expect(text(element.querySelector('[data-testid="kpi-revenue"]'))).toContain('₽1,500.00');
  });

  it('opens the sales list filtered to a period when a period row is clicked', async () => {
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    const element = await open();
    backend.expectOne(URL).flush(readyReport());
    await settle();

    const october = Array.from(element.querySelectorAll('[data-testid="table-timeseries"] button')).find((b) =>
      text(b).includes('окт'),
    ) as HTMLButtonElement;
    october.click();
    expect(navigate).toHaveBeenCalledWith(['/sales'], {
      queryParams: { from: '2026-10-01', to: '2026-10-31', status: 'paid' },
    });
  });

  it('downloads the chosen format once the report is ready, under the server’s file name', async () => {
    const created: string[] = [];
    globalThis.URL.createObjectURL = jest.fn(() => 'blob:report');
    globalThis.URL.revokeObjectURL = jest.fn();
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      created.push(this.download);
    });
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await open('pdf');
    backend.expectOne(URL).flush(readyReport());
    await settle();

    const request = backend.expectOne((req) => req.url === `${URL}/export`);
    expect(request.request.params.get('format')).toBe('pdf');
    expect(request.request.params.get('lang')).toBe('ru');
    request.flush(new Blob(['%PDF-1.7']), {
      headers: {
        'Content-Disposition':
          'attachment; filename="sales-trends_2026-09-01_2026-11-30.pdf"; filename*=UTF-8\'\'%D0%A2%D0%B5%D0%BD%D0%B4%D0%B5%D0%BD%D1%86%D0%B8%D0%B8.pdf',
      },
    });
    expect(created).toEqual(['Тенденции.pdf']);
    click.mockRestore();
  });

  it('says the report failed and why, and offers to build it again', async () => {
    const element = await open();
    backend.expectOne(URL).flush(readyReport({ status: 'failed', result: null, error: 'Нет курса USD на 2026-10-01' }));
    await settle();
    const failed = text(element.querySelector('[data-testid="failed"]'));
    expect(failed).toContain('Не удалось сформировать отчёт');
    expect(failed).toContain('Нет курса USD на 2026-10-01');

    (element.querySelector('[data-testid="failed"] button') as HTMLButtonElement).click();
    const regenerate = backend.expectOne(`${URL}/regenerate`);
    expect(regenerate.request.method).toBe('POST');
    regenerate.flush(runningReport(0));
    await settle();
    expect(element.querySelector('[data-testid="progress"]')).not.toBeNull();
  });

  it('says the period had no sales instead of showing empty tables', async () => {
    const report = readyReport();
    const result = report.result as NonNullable<typeof report.result>;
    const element = await open();
    backend.expectOne(URL).flush({ ...report, result: { ...result, summary: { ...result.summary, noData: true } } });
    await settle();
    expect(text(element)).toContain('За этот период продаж нет');
    expect(element.querySelector('crm-report-table-card')).toBeNull();
  });

  it('shows the filters the report applied, with the clients its selection resolved to', async () => {
    const report = readyReport();
    const result = report.result as NonNullable<typeof report.result>;
    const element = await open();
    backend.expectOne(URL).flush({
      ...report,
      params: {
        ...report.params,
        filters: { segment: 'at_risk', amountMin: '1000.00', currencies: ['USD'], statuses: ['paid', 'refunded'] },
      },
      result: {
        ...result,
        summary: {
          ...result.summary,
          selection: { clients: 3, clientIds: ['a', 'b', 'c'], currencies: ['USD'], statuses: ['paid', 'refunded'] },
        },
      },
    });
    await settle();
    expect(spaces(text(element.querySelector('[data-testid="filters"]')))).toBe(
      'Фильтры: 3 клиента · сегмент: В зоне риска · выручка клиента от 1 000,00 ₽ · продажи в USD · статусы в таблице: Оплачена, Возврат',
    );
  });

  it('shows no filters line for a report of the whole company', async () => {
    const element = await open();
    backend.expectOne(URL).flush(readyReport());
    await settle();
    expect(element.querySelector('[data-testid="filters"]')).toBeNull();
  });

  it('says no sale matched the filters when a filtered report has no data', async () => {
    const report = readyReport();
    const result = report.result as NonNullable<typeof report.result>;
    const element = await open();
    backend.expectOne(URL).flush({
      ...report,
      params: { ...report.params, filters: { amountMin: '99999999.00' } },
      result: {
        ...result,
        summary: {
          ...result.summary,
          noData: true,
          selection: { clients: 0, clientIds: [], currencies: null, statuses: null },
        },
      },
    });
    await settle();
    expect(text(element)).toContain('Под фильтры отчёта не подошла ни одна продажа');
    expect(spaces(text(element.querySelector('[data-testid="filters"]')))).toContain('Фильтры: 0 клиентов');
  });

  it('tells a report it may not see from a network failure', async () => {
    const element = await open();
    backend.expectOne(URL).flush({ statusCode: 404, message: 'Not Found' }, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(text(element)).toContain('Отчёт не найден');
  });

  it('hides share, schedule and delete from a member who may not manage the report', async () => {
    const element = await open();
    backend.expectOne(URL).flush(readyReport({ canManage: false }));
    await settle();
    expect(element.querySelector('[data-testid="share"]')).toBeNull();
    expect(element.querySelector('[data-testid="schedule"]')).toBeNull();
    expect(element.querySelector('[data-testid="more"]')).toBeNull();
    expect(element.querySelector('[data-testid="refresh"]')).not.toBeNull();
  });
});
