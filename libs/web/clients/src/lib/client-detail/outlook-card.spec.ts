import { TestBed } from '@angular/core/testing';
import type { ClientOutlookResponse } from '@crm/shared/contracts';
import { OutlookCard } from './outlook-card';

const outlook: ClientOutlookResponse = {
  clientId: 'k1',
  asOf: '2026-11-30',
  currency: 'GBP',
  pAlive: 0.81,
  expectedPurchases90d: 1.4,
  expectedValue90d: '120.00',
  segment: 'loyal',
  rfm: '344',
  purchases: 6,
  firstPurchase: '2025-12-01',
  lastPurchase: '2026-11-20',
  recommendedProducts: [
    {
      product: 'SKU-CANDLE',
      name: 'Свеча медовая',
      confidence: 0.5,
      lift: 2,
      rule: {
        antecedent: ['SKU-HONEY', 'SKU-SET'],
        antecedentNames: ['Мёд липовый', 'Набор для чая'],
        support: 0.1,
        confidence: 0.5,
        lift: 2,
      },
    },
  ],
  model: { status: 'fitted', fittedAt: '2026-11-30T03:00:00.000Z', customers: 300, params: {} },
  notes: [],
};

describe('OutlookCard', () => {
  it('explains a recommendation by the names of the products bought, not their SKUs', () => {
    localStorage.clear();
    const fixture = TestBed.createComponent(OutlookCard);
    fixture.componentRef.setInput('outlook', outlook);
    fixture.detectChanges();
    const text = (fixture.nativeElement as HTMLElement).querySelector('.products')?.textContent ?? '';
    expect(text).toContain('Свеча медовая');
    expect(text).toContain('Мёд липовый + Набор для чая');
    expect(text).not.toContain('SKU-');
  });
});
