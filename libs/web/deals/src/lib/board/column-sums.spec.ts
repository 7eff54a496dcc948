import { columnSums } from './column-sums';

describe('column sums', () => {
  it('keeps one sum per currency, largest first, and never adds roubles to dollars', () => {
    const result = columnSums(
      [
        { amount: '100.00', currency: 'USD' },
        { amount: '150000.00', currency: 'RUB' },
        { amount: '0.10', currency: 'USD' },
        { amount: '2500.50', currency: 'RUB' },
      ],
      4,
    );
    expect(result.sums).toEqual([
      { currency: 'RUB', amount: '152500.50' },
      { currency: 'USD', amount: '100.10' },
    ]);
    expect(result).toMatchObject({ shown: 4, total: 4, partial: false });
  });

  it('says when the sums cover only the loaded page of a longer column', () => {
    const result = columnSums([{ amount: '10.00', currency: 'EUR' }], 135);
    expect(result).toMatchObject({ shown: 1, total: 135, partial: true });
  });

  it('has no sums for an empty column', () => {
    expect(columnSums([], 0)).toEqual({ sums: [], shown: 0, total: 0, partial: false });
  });
});
