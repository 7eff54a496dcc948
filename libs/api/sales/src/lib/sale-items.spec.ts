import { comparableItems, normalizeItems } from './sale-items';

describe('sale items', () => {
  it('normalise decimals to the text trim_scale() prints, so stored and sent items compare equal', () => {
    const items = normalizeItems([
      { name: 'Чайник', quantity: 2, unitPrice: '617.50' },
      { sku: 'A-1', name: 'Кружка', quantity: '1.500' as unknown as number, unitPrice: '0.10' },
      { sku: null, name: 'Бесплатно', quantity: 1, unitPrice: '0.00' },
    ]);
    expect(comparableItems(items)).toEqual([
      [null, 'Чайник', '2', '617.5'],
      ['A-1', 'Кружка', '1.5', '0.1'],
      [null, 'Бесплатно', '1', '0'],
    ]);
  });
});
