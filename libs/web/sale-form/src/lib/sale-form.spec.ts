import type { SaleResponse } from '@crm/shared/contracts';
import { decimalInput } from '@crm/web/i18n';
import { dayOf, itemsTotal, linesOf, normaliseAmount, saleChanges, saleItems } from './sale-form';

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

describe('sale form goods', () => {
  const withItems: SaleResponse = {
    ...sale,
    amount: '70.90',
    items: [{ sku: 'TEA', name: 'Чай', quantity: 2, unitPrice: '35.45' }],
  };
  const value = (items: { name: string; sku: string; quantity: string; unitPrice: string }[]) => ({
    amount: '70,90',
    currency: 'RUB',
    soldOn: dayOf(sale.soldAt),
    status: 'paid' as const,
    externalId: 'INV-1',
    items,
  });
  const ru = (v: string | number) => decimalInput(v, 'ru');

  it('shows the lines in the locale and sends nothing when they are unchanged', () => {
    const lines = linesOf(withItems.items, ru);
    expect(lines).toEqual([{ name: 'Чай', sku: 'TEA', quantity: '2', unitPrice: '35,45' }]);
    expect(saleChanges(withItems, value(lines))).toEqual({});
  });

  it('sends every line when one is added, edited or removed', () => {
    const lines = linesOf(withItems.items, ru);
    const added = [...lines, { name: ' Сахар ', sku: '', quantity: '1,5', unitPrice: '10' }];
    expect(saleChanges(withItems, value(added)).items).toEqual([
      { name: 'Чай', sku: 'TEA', quantity: 2, unitPrice: '35.45' },
      { name: 'Сахар', sku: null, quantity: 1.5, unitPrice: '10' },
    ]);
    expect(saleChanges(withItems, value([{ ...lines[0], quantity: '3' }])).items).toEqual([
      { name: 'Чай', sku: 'TEA', quantity: 3, unitPrice: '35.45' },
    ]);
    expect(saleChanges(withItems, value([])).items).toEqual([]);
  });

  it('refuses a line without a name or with a bad quantity or price, and totals exactly', () => {
    expect(saleItems([{ name: '', sku: '', quantity: '1', unitPrice: '1' }])).toBeNull();
    expect(saleItems([{ name: 'x', sku: '', quantity: '0', unitPrice: '1' }])).toBeNull();
    expect(saleItems([{ name: 'x', sku: '', quantity: '1', unitPrice: '1,001' }])).toBeNull();
    expect(saleItems([{ name: 'x', sku: '', quantity: '1', unitPrice: '0' }])).toEqual([
      { name: 'x', sku: null, quantity: 1, unitPrice: '0' },
    ]);
    expect(
      itemsTotal([
        { name: 'a', sku: '', quantity: '3', unitPrice: '0,10' },
        { name: 'b', sku: '', quantity: '0,333', unitPrice: '0,03' },
      ]),
    ).toBe('0.31');
    expect(itemsTotal([{ name: 'a', sku: '', quantity: '2', unitPrice: '35,45' }])).toBe('70.90');
  });
});
