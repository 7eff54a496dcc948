import type { AnalyticsPeriodResponse } from '@crm/shared/contracts';

/** For specs: a 30-day period of the analytics summary with nothing sold, but for `over`. */
export function analyticsPeriod(over: Partial<AnalyticsPeriodResponse> = {}): AnalyticsPeriodResponse {
  return {
    from: '2026-10-22',
    to: '2026-11-20',
    revenue: '0.00',
    salesCount: 0,
    buyers: 0,
    newClients: 0,
    returningClients: 0,
    averageOrderValue: null,
    repeatPurchaseRate: null,
    ...over,
  };
}
