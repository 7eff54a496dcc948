import { InvalidInputException } from '@crm/api/core';
import { resolveMapping } from './mapping-rules';

const header = ['Номер', 'Клиент', 'Дата', 'Сумма', 'Товар', 'Кол-во', 'Цена', 'Город'];

function details(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputException) return error.details.map((d) => `${d.field}: ${d.messages.join(', ')}`);
    throw error;
  }
  return [];
}

describe('resolveMapping', () => {
  it('resolves columns to positions', () => {
    const mapping = resolveMapping(
      'sales',
      header,
      { externalId: 'Номер', clientExternalId: 'Клиент', soldAt: 'Дата', amount: 'Сумма' },
      'RUB',
    );
    expect(mapping.columns).toEqual({ externalId: 0, clientExternalId: 1, soldAt: 2, amount: 3 });
    expect(mapping.hasItems).toBe(false);
  });

  it('names every missing or unknown column', () => {
    expect(details(() => resolveMapping('sales', header, { externalId: 'Нет такой', soldAt: 'Дата' }))).toEqual([
      'mapping.externalId: the file has no column "Нет такой"',
      'mapping.clientExternalId: must name a column',
      'mapping.currency: must name a column, or give defaultCurrency',
      'mapping.amount: must name a column, or map item columns to compute it',
    ]);
  });

  it('accepts item columns instead of an amount, and needs quantity and price with them', () => {
    const base = { externalId: 'Номер', clientExternalId: 'Клиент', soldAt: 'Дата', itemName: 'Товар' };
    expect(details(() => resolveMapping('sales', header, base, 'RUB'))).toEqual([
      'mapping.quantity: item lines need quantity',
      'mapping.unitPrice: item lines need unitPrice',
    ]);
    expect(resolveMapping('sales', header, { ...base, quantity: 'Кол-во', unitPrice: 'Цена' }, 'RUB').hasItems).toBe(
      true,
    );
  });

  it('refuses sale fields for clients and client fields for sales', () => {
    expect(details(() => resolveMapping('clients', header, { externalId: 'Номер', amount: 'Сумма' }))).toEqual([
      'mapping.amount: is not a field of a client',
    ]);
    expect(
      details(() => resolveMapping('sales', header, { externalId: 'Номер', name: 'Клиент', attributes: ['Город'] })),
    ).toContain('mapping.name: is not a field of a sale');
  });

  it('keeps attribute columns with their header names', () => {
    expect(resolveMapping('clients', header, { externalId: 'Номер', attributes: ['Город'] }).attributes).toEqual([
      ['Город', 7],
    ]);
  });
});
