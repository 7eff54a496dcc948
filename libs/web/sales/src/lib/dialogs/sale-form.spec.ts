import type { SaleResponse } from '@crm/shared/contracts';
import { dayOf, normaliseAmount, saleChanges } from './sale-form';

const sale: SaleResponse = {
  id: 's1',
  externalId: 'INV-1',
  clientId: 'c1',
  amount: '1234.50',
  currency: 'RUB',
  soldAt: '2026-11-20T09:15:00.000Z',
  status: 'paid',
  items: [],
  createdAt: '2026-11-20T09:15:00.000Z',
  updatedAt: '2026-11-20T09:15:00.000Z',
};

describe('sale form', () => {
  it('accepts Russian and English amounts and refuses what the API would refuse', () => {
    expect(normaliseAmount('1 234,50')).toBe('1234.50');
    expect(normaliseAmount('1234.5')).toBe('1234.5');
    expect(normaliseAmount('12.345')).toBeNull();
    expect(normaliseAmount('0')).toBeNull();
    expect(normaliseAmount('-5')).toBeNull();
    expect(normaliseAmount('abc')).toBeNull();
  });

  it('sends only the fields that changed', () => {
    const value = {
      amount: '1 234,50',
      currency: 'RUB',
      soldOn: dayOf(sale.soldAt),
      status: 'refunded' as const,
      externalId: 'INV-1',
    };
    expect(saleChanges(sale, value)).toEqual({ status: 'refunded' });
  });

  it('clears the external id with null and keeps the time of day when the date moves', () => {
    const body = saleChanges(sale, {
      amount: '1234.5',
      currency: 'RUB',
      soldOn: '2026-11-21',
      status: 'paid',
      externalId: ' ',
    });
    expect(body.externalId).toBeNull();
    expect(body.amount).toBeUndefined();
    expect(dayOf(body.soldAt as string)).toBe('2026-11-21');
    expect(new Date(body.soldAt as string).getMinutes()).toBe(new Date(sale.soldAt).getMinutes());
  });
});
