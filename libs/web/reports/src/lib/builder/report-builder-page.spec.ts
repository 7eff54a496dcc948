import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { Router } from '@angular/router';
import { provideAppDates } from '@crm/web/core';
import { providePageTesting } from '@crm/web/core/testing';
import { REPORT_TYPES } from '../report-types';
import { runningReport, romashkaOwner } from '../testing/report-fixtures';
import { ReportBuilderPage } from './report-builder-page';

jest.setTimeout(30_000);

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('ReportBuilderPage', () => {
  let fixture: ComponentFixture<ReportBuilderPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [...providePageTesting(romashkaOwner()), provideNoopAnimations(), provideAppDates()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ReportBuilderPage);
    fixture.detectChanges();
    backend.expectOne('/api/companies/c1/exchange-rates').flush({
      baseCurrency: 'RUB',
      rates: [
        { currency: 'USD', rate: '90', validFrom: '2026-01-01' },
        { currency: 'EUR', rate: '100', validFrom: '2026-01-01' },
        { currency: 'USD', rate: '92', validFrom: '2026-06-01' },
      ],
    });
    await fixture.whenStable();
    element = fixture.nativeElement as HTMLElement;
  });

  async function openSelect(testId: string): Promise<HTMLElement[]> {
    (element.querySelector(`[data-testid="${testId}"] .mat-mdc-select-trigger`) as HTMLElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
    return Array.from(document.querySelectorAll('mat-option')) as HTMLElement[];
  }

  async function pick(testId: string, label: string): Promise<void> {
    const option = (await openSelect(testId)).find((o) => text(o) === label);
    if (!option) throw new Error(`no option ${label} in ${testId}`);
    option.click();
    fixture.detectChanges();
    await fixture.whenStable();
  }

  it('offers the four report types, the presets and the company’s currencies', async () => {
    const types = Array.from(element.querySelectorAll('[data-testid^="type-"] .type-name')).map((t) => text(t));
    // Every type of the registry, in its order (a generated type comes after these).
    expect(types.length).toBe(REPORT_TYPES.length);
    expect(types.slice(0, 4)).toEqual([
      'Тенденции продаж',
      'Рекомендации к продажам',
      'Общий отчёт по продажам',
      'Воронка продаж',
    ]);
    const presets = (await openSelect('preset')).map((o) => text(o));
    expect(presets).toEqual([
      'Этот месяц',
      'Прошлый месяц',
      'Этот квартал',
      'Прошлый квартал',
      'Этот год',
      'Прошлый год',
      'Последние 30 дней',
      'Последние 90 дней',
      'Последние 365 дней',
      'Свои даты',
    ]);
    (document.querySelector('mat-option') as HTMLElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
    const currencies = (await openSelect('currency')).map((o) => text(o));
    expect(currencies).toEqual(['RUB (базовая)', 'RUB', 'USD', 'EUR']);
  });

  it('starts a report with the preset and filters, then opens it to download the PDF when ready', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    (element.querySelector('[data-testid="type-sales-trends"] input') as HTMLInputElement).click();
    await pick('preset', 'Прошлый квартал');
    await pick('currency', 'USD');
    await pick('statuses', 'Оплачена');
    (document.querySelector('.cdk-overlay-backdrop') as HTMLElement | null)?.click();
    fixture.detectChanges();
    await pick('segment', 'В зоне риска');
    const min = element.querySelector('[data-testid="amount-min"]') as HTMLInputElement;
    min.value = '1 000,50';
    min.dispatchEvent(new Event('input'));
    const title = element.querySelector('[data-testid="title"]') as HTMLInputElement;
    title.value = 'Квартал для «Ромашки»';
    title.dispatchEvent(new Event('input'));
    await pick('format', 'На экране и PDF');

    (element.querySelector('[data-testid="generate"]') as HTMLButtonElement).click();
    const request = backend.expectOne('/api/companies/c1/reports');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      type: 'sales-trends',
      preset: 'last-quarter',
      currency: 'USD',
      title: 'Квартал для «Ромашки»',
      filters: { statuses: ['paid'], segment: 'at_risk', amountMin: '1000.50' },
    });
    request.flush(runningReport(0));
    expect(navigate).toHaveBeenCalledWith(['/reports', 'r1'], { queryParams: { download: 'pdf' } });
  });

  it('sends custom dates and refuses them in the wrong order', async () => {
    await pick('preset', 'Свои даты');
    const from = element.querySelector('[data-testid="from"]') as HTMLInputElement;
    const to = element.querySelector('[data-testid="to"]') as HTMLInputElement;
    const type = (input: HTMLInputElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('change'));
      input.dispatchEvent(new Event('blur'));
    };
    type(from, '01.03.2026');
    type(to, '01.02.2026');
    fixture.detectChanges();
    await fixture.whenStable();
    expect(text(element)).toContain('Дата начала позже даты окончания');
    expect((element.querySelector('[data-testid="generate"]') as HTMLButtonElement).disabled).toBe(true);

    type(to, '31.03.2026');
    fixture.detectChanges();
    await fixture.whenStable();
    const generate = element.querySelector('[data-testid="generate"]') as HTMLButtonElement;
    expect(generate.disabled).toBe(false);
    generate.click();
    const request = backend.expectOne('/api/companies/c1/reports');
    expect(request.request.body).toEqual({ type: 'sales-overview', from: '2026-03-01', to: '2026-03-31' });
  });

  it('shows why the server refused the report and lets the user try again', async () => {
    (element.querySelector('[data-testid="generate"]') as HTMLButtonElement).click();
    backend
      .expectOne('/api/companies/c1/reports')
      .flush(
        { statusCode: 400, error: 'Bad Request', message: 'currency must be a known code', details: [] },
        { status: 400, statusText: 'Bad Request' },
      );
    fixture.detectChanges();
    await fixture.whenStable();
    expect(text(element.querySelector('[role="alert"]'))).toContain('currency must be a known code');
    expect((element.querySelector('[data-testid="generate"]') as HTMLButtonElement).disabled).toBe(false);
  });

  it('searches clients by name and sends the picked ones', async () => {
    const search = element.querySelector('[data-testid="client-search"]') as HTMLInputElement;
    search.focus();
    search.value = 'Анн';
    search.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const lookup = backend.expectOne((req) => req.url === '/api/companies/c1/clients');
    expect(lookup.request.params.get('q')).toBe('Анн');
    lookup.flush({
      items: [{ id: '0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10', name: 'Анна Петрова', email: null, externalId: 'C-1' }],
      total: 1,
      page: 1,
      pageSize: 10,
    });
    fixture.detectChanges();
    await fixture.whenStable();
    const option = Array.from(document.querySelectorAll('mat-option')).find((o) => text(o) === 'Анна Петрова');
    (option as HTMLElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(text(element.querySelector('mat-chip-row'))).toContain('Анна Петрова');

    (element.querySelector('[data-testid="generate"]') as HTMLButtonElement).click();
    const request = backend.expectOne('/api/companies/c1/reports');
    expect(request.request.body.filters).toEqual({ clientIds: ['0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10'] });
  });

  it('asks a pipeline report for its pipeline instead of the sales filters and sends it', async () => {
    (element.querySelector('[data-testid="type-pipeline"] input') as HTMLInputElement).click();
    fixture.detectChanges();
    // The pipelines are asked for once the type is chosen (the page is stable only after the answer).
    backend.expectOne('/api/companies/c1/pipelines').flush([
      { id: 'p1', name: 'Основная', stages: [] },
      { id: 'p2', name: 'Опт', stages: [] },
    ]);
    fixture.detectChanges();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="statuses"]')).toBeNull();
    expect(element.querySelector('[data-testid="client-search"]')).toBeNull();
    const pipelines = (await openSelect('pipeline')).map((o) => text(o));
    expect(pipelines).toEqual(['Основная (первая в списке)', 'Основная', 'Опт']);
    (document.querySelector('.cdk-overlay-backdrop') as HTMLElement | null)?.click();
    fixture.detectChanges();
    await pick('pipeline', 'Опт');
    await pick('preset', 'Прошлый квартал');

    (element.querySelector('[data-testid="generate"]') as HTMLButtonElement).click();
    const request = backend.expectOne('/api/companies/c1/reports');
    expect(request.request.body).toEqual({ type: 'pipeline', preset: 'last-quarter', filters: { pipelineId: 'p2' } });
  });
});
