import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { AssistantChartResponse } from '@crm/shared/contracts';
import { ACTUAL, AssistantChart, barColors, FORECAST } from './assistant-chart';

const chart: AssistantChartResponse = {
  title: 'Выручка по месяцам, RUB',
  currency: 'RUB',
  points: [
    { period: '2026-09', value: '100.00' },
    { period: '2026-10', value: '250.50' },
    { period: '2026-11', value: '300.00' },
    { period: '2026-12', value: '310.00' },
  ],
  forecastFrom: '2026-11',
};

describe('AssistantChart', () => {
  it('paints history as actual and the periods from forecastFrom on as forecast', () => {
    expect(barColors(chart).map((c) => c.value)).toEqual([ACTUAL, ACTUAL, FORECAST, FORECAST]);
    expect(barColors({ ...chart, forecastFrom: null }).every((c) => c.value === ACTUAL)).toBe(true);
  });

  it('draws the series with ngx-charts under its title', async () => {
    TestBed.configureTestingModule({ providers: [provideNoopAnimations()] });
    const fixture = TestBed.createComponent(AssistantChart);
    fixture.componentRef.setInput('chart', chart);
    fixture.detectChanges();
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('figcaption')?.textContent).toBe('Выручка по месяцам, RUB');
    expect(element.querySelector('ngx-charts-bar-vertical')).not.toBeNull();
  });
});
