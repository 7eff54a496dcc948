import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CompanyContext, provideIcons } from '@crm/web/core';
import { KpiSection } from './kpi-section';

const period = { from: '2026-10-22', to: '2026-11-20', newClients: 0, returningClients: 0, repeatPurchaseRate: 0 };
const summary = (warnings: unknown[]) => ({
  ...period,
  currency: 'RUB',
  revenue: '0.00',
  salesCount: 0,
  buyers: 0,
  averageOrderValue: '0.00',
  warnings,
  previous: { ...period, revenue: '0.00', salesCount: 0, buyers: 0, averageOrderValue: '0.00' },
  change: {},
});

describe('KpiSection exchange-rate warning', () => {
  async function render(warnings: unknown[]): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideIcons(),
        { provide: CompanyContext, useValue: { activeId: signal('c1') } },
      ],
    });
    const fixture = TestBed.createComponent(KpiSection);
    fixture.detectChanges();
    const backend = TestBed.inject(HttpTestingController);
    backend.expectOne((req) => req.url === '/api/companies/c1/analytics/summary').flush(summary(warnings));
    backend
      .expectOne((req) => req.url === '/api/companies/c1/analytics/timeseries')
      .flush({ currency: 'RUB', granularity: 'day', points: [] });
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('links a warning about missing exchange rates to the rates screen', async () => {
    const element = await render([{ code: 'missing_rate', currency: 'USD', count: 3 }]);
    const link = element.querySelector('[data-testid="kpi-warning-rates"]');
    expect(link?.getAttribute('href')).toBe('/company/rates');
    expect(link?.textContent?.trim()).toBe('Задать курсы валют');
  });

  it('shows no warning when every sale was converted', async () => {
    const element = await render([]);
    expect(element.querySelector('[data-testid="kpi-warning"]')).toBeNull();
  });
});
