import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { AnalyticsPeriodResponse, RevenueForecastResponse } from '@crm/shared/contracts';
import { provideAppDates } from '@crm/web/core';
import { I18n } from '@crm/web/i18n';
import { providePageTesting } from '@crm/web/core/testing';
import { analyticsPeriod } from '../testing/analytics-fixtures';
import { KpiSection } from './kpi-section';
import { previousRange, rangeOf } from './period';

const period = (from: string, to: string, over: Partial<AnalyticsPeriodResponse> = {}): AnalyticsPeriodResponse =>
  analyticsPeriod({ from, to, ...over });

/** The summary's warnings in the next render (a missing exchange rate, say). */
let summaryWarnings: unknown[] = [];

function summaryFor(req: TestRequest) {
  const from = req.request.params.get('from') as string;
  const to = req.request.params.get('to') as string;
  const previous = previousRange({ from, to });
  return {
    ...period(from, to, { revenue: '2400.00', salesCount: 12, buyers: 9, averageOrderValue: '200.00' }),
    currency: 'GBP',
    warnings: summaryWarnings,
    previous: period(previous.from, previous.to, { revenue: '2000.00', salesCount: 10, buyers: 9 }),
    change: {},
  };
}

const forecast = (over: Partial<RevenueForecastResponse> = {}): RevenueForecastResponse => ({
  model: 'Naive',
  points: [
    { period: '2026-12-01', revenue: '0.00', lower80: '0.00', upper80: '0.00', lower95: '0.00', upper95: '0.00' },
  ],
  backtest: { mase: 2.4, smape: 60, horizon: 3, benchmark: { model: 'Naive', mase: 2.4, smape: 60 }, fallback: true },
  currency: 'GBP',
  granularity: 'month',
  asOf: '2026-12-02',
  history: [{ period: '2010-12-01', revenue: '100.00' }],
  lastRevenuePeriod: '2011-12-01',
  emptyRecentPeriods: 179,
  recentHistoryEmpty: true,
  notes: [],
  warnings: [],
  ...over,
});

describe('KpiSection', () => {
  let fixture: ComponentFixture<KpiSection>;
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    summaryWarnings = [];
    TestBed.configureTestingModule({
      providers: [...providePageTesting({ activeId: signal('c1') }), provideNoopAnimations(), provideAppDates()],
    });
  });

  async function render(points: { period: string; revenue: string }[], f = forecast()): Promise<HTMLElement> {
    fixture = TestBed.createComponent(KpiSection);
    fixture.detectChanges();
    backend = TestBed.inject(HttpTestingController);
    const summary = backend.expectOne((req) => req.url.endsWith('/analytics/summary'));
    summary.flush(summaryFor(summary));
    backend
      .expectOne((req) => req.url.endsWith('/analytics/timeseries'))
      .flush({ currency: 'GBP', granularity: 'day', from: '', to: '', points, warnings: [] });
    backend.expectOne((req) => req.url.endsWith('/analytics/forecast')).flush(f);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  const input = (element: HTMLElement, testId: string) =>
    element.querySelector(`[data-testid="${testId}"]`) as HTMLInputElement;

  /** Types a date into a date input and leaves it, as a user does. */
  const type = (element: HTMLElement, testId: string, value: string) => {
    const field = input(element, testId);
    field.value = value;
    field.dispatchEvent(new Event('input'));
    field.dispatchEvent(new Event('change'));
    fixture.detectChanges();
  };

  const text = (element: HTMLElement, testId: string) =>
    element.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  it('asks for the last 30 days first and names the period it compares with', async () => {
    const element = await render([{ period: '2026-11-20', revenue: '2400.00' }]);
    const last30 = rangeOf({ preset: 'last30' });
    const before = previousRange(last30);
    expect(text(element, 'kpi-title')).toBe('Последние 30 дней');
    expect(text(element, 'kpi-compared')).toContain('В сравнении с');
    expect(text(element, 'kpi-compared')).toContain(new Date(`${before.from}T00:00:00`).getFullYear().toString());
    expect(text(element, 'kpi-revenue')).toContain('+20 %');
  });

  it('re-asks summary and chart for the chosen period, by week for a year, and remembers the choice', async () => {
    const element = await render([{ period: '2026-11-20', revenue: '2400.00' }]);
    (element.querySelector('[data-testid="period-select"] .mat-mdc-select-trigger') as HTMLElement).click();
    fixture.detectChanges();
    const option = Array.from(document.querySelectorAll('mat-option')).find((o) =>
      o.textContent?.includes('Последние 365 дней'),
    ) as HTMLElement;
    option.click();
    fixture.detectChanges();
    const series = backend.match((req) => req.url.endsWith('/analytics/timeseries'));
    const summary = backend.match((req) => req.url.endsWith('/analytics/summary'));
    expect(summary.map((r) => r.request.params.get('from'))).toEqual([rangeOf({ preset: 'last365' }).from]);
    expect(series.map((r) => r.request.params.get('granularity'))).toEqual(['week']);
    expect(JSON.parse(localStorage.getItem('crm.home.period') ?? '{}')).toEqual({ preset: 'last365' });
  });

  it('shows a custom range once both dates are valid, and says what is wrong before', async () => {
    localStorage.setItem('crm.home.period', JSON.stringify({ preset: 'custom', from: '2026-03-01', to: '2026-03-31' }));
    const element = await render([{ period: '2026-03-02', revenue: '10.00' }]);
    expect(text(element, 'kpi-title')).toMatch(/^1 мар\. 2026 – 31 мар\. 2026$/);
    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(input(element, 'period-from').value).toBe('01.03.2026');
    expect(input(element, 'period-to').value).toBe('31.03.2026');

    // Typing a start after the end (as Russian writes it) keeps the shown period and says why.
    type(element, 'period-from', '15.04.2026');
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Укажите обе даты');
    expect(text(element, 'kpi-title')).toMatch(/^1 мар\. 2026 – 31 мар\. 2026$/);
    backend.expectNone((req) => req.url.endsWith('/analytics/summary'));
  });

  it('shows and reads the custom dates in English order, and asks the API for YYYY-MM-DD', async () => {
    localStorage.setItem('crm.home.period', JSON.stringify({ preset: 'custom', from: '2026-03-01', to: '2026-03-31' }));
    TestBed.inject(I18n).use('en');
    TestBed.tick();
    const element = await render([{ period: '2026-03-02', revenue: '10.00' }]);
    expect(input(element, 'period-from').value).toBe('03/01/2026');
    expect(input(element, 'period-to').value).toBe('03/31/2026');
    type(element, 'period-to', '03/10/2026');
    const summary = backend.expectOne((req) => req.url.endsWith('/analytics/summary'));
    expect([summary.request.params.get('from'), summary.request.params.get('to')]).toEqual([
      '2026-03-01',
      '2026-03-10',
    ]);
    expect(JSON.parse(localStorage.getItem('crm.home.period') ?? '{}')).toEqual({
      preset: 'custom',
      from: '2026-03-01',
      to: '2026-03-10',
    });
  });

  it('shows an empty state instead of a chart when the period has no revenue', async () => {
    const element = await render([
      { period: '2026-11-19', revenue: '0.00' },
      { period: '2026-11-20', revenue: '0.00' },
    ]);
    expect(element.querySelector('[data-testid="revenue-chart"]')).toBeNull();
    expect(text(element, 'revenue-chart-empty')).toContain('За этот период продаж нет.');
  });

  it('draws the revenue chart with a label that states the period and the total', async () => {
    const element = await render([
      { period: '2026-11-19', revenue: '1000.00' },
      { period: '2026-11-20', revenue: '1400.00' },
    ]);
    const chart = element.querySelector('[data-testid="revenue-chart"]');
    expect(chart?.getAttribute('role')).toBe('img');
    expect(chart?.getAttribute('aria-label')?.replace(/\s/g, ' ')).toMatch(
      /^График выручки по дням с .+, всего 2 400,00 £$/,
    );
    expect(element.querySelector('[data-testid="revenue-chart"] ngx-charts-bar-vertical')).not.toBeNull();
  });

  it('says plainly that recent months are empty and how the forecast back-tested', async () => {
    const element = await render([{ period: '2026-11-20', revenue: '1.00' }]);
    const notes = Array.from(element.querySelectorAll('[data-testid="forecast-note"]')).map((n) =>
      n.textContent?.trim(),
    );
    expect(notes[0]).toMatch(/^Продаж нет уже 179 месяцев \(последние — дек\. 2011( г\.)?\)/);
    expect(notes[1]).toContain('MASE');
    expect(notes[1]).toContain('«как в прошлом месяце» — 2,40');
    expect(notes).toContain('Ошибка больше обычного колебания выручки: считайте прогноз грубой оценкой.');
    expect(notes).toContain(
      'Основная модель на прошлых месяцах ошибалась сильнее простой, поэтому показан простой прогноз.',
    );
  });

  it('links a warning about missing exchange rates to the rates screen', async () => {
    summaryWarnings = [{ code: 'missing_rate', currency: 'USD', count: 3 }];
    const element = await render([{ period: '2026-11-20', revenue: '2400.00' }]);
    const link = element.querySelector('[data-testid="kpi-warning-rates"]');
    expect(link?.getAttribute('href')).toBe('/company/rates');
    expect(link?.textContent?.trim()).toBe('Задать курсы валют');
  });

  it('shows no exchange-rate warning when every sale was converted', async () => {
    const element = await render([{ period: '2026-11-20', revenue: '2400.00' }]);
    expect(element.querySelector('[data-testid="kpi-warning"]')).toBeNull();
  });
});
