import type { AnalyticsSummaryResponse } from '@crm/shared/contracts';
import { analyticsPeriod } from '../testing/analytics-fixtures';
import { kpisOf, relativeChange, trendOf } from './kpi';

const period = analyticsPeriod;

describe('KPI change against the previous 30 days', () => {
  it('is the relative change of decimal strings', () => {
    expect(relativeChange('1125.00', '1000.00')).toBeCloseTo(0.125);
    expect(relativeChange(80, 100)).toBeCloseTo(-0.2);
  });

  it('is null, not infinity, when the previous period had nothing', () => {
    expect(relativeChange('500.00', '0.00')).toBeNull();
    expect(relativeChange('500.00', null)).toBeNull();
    expect(relativeChange(null, '10')).toBeNull();
  });

  it('calls tiny changes flat and keeps the sign otherwise', () => {
    expect(trendOf(0.0001)).toBe('flat');
    expect(trendOf(0.01)).toBe('up');
    expect(trendOf(-0.3)).toBe('down');
    expect(trendOf(null)).toBe('none');
  });

  it('builds revenue, sales, buyers and AOV cards from a summary', () => {
    const summary = {
      ...period({ revenue: '3000.00', salesCount: 30, buyers: 20, averageOrderValue: '100.00' }),
      currency: 'GBP',
      warnings: [],
      previous: period({ revenue: '2000.00', salesCount: 40, buyers: 20, averageOrderValue: '50.00' }),
      change: {
        revenue: 0.5,
        salesCount: -0.25,
        buyers: 0,
        newClients: null,
        averageOrderValue: 1,
        repeatPurchaseRate: null,
      },
    } satisfies AnalyticsSummaryResponse;
    const kpis = kpisOf(summary);
    expect(kpis.map((k) => [k.id, k.trend])).toEqual([
      ['revenue', 'up'],
      ['sales', 'down'],
      ['buyers', 'flat'],
      ['aov', 'up'],
    ]);
    expect(kpis[0]?.change).toBeCloseTo(0.5);
    expect(kpis[1]?.change).toBeCloseTo(-0.25);
    expect(kpis[3]?.previous).toBe('50.00');
  });
});
