import { sumOfProducts, toScaled } from './decimal';

describe('sumOfProducts', () => {
  it('sums quantity × price exactly and rounds half-up once, at the end', () => {
    expect(
      sumOfProducts(
        [
          { quantity: '3', unitPrice: '0.1' },
          { quantity: '3', unitPrice: '0.2' },
        ],
        2,
      ),
    ).toBe('0.90');
    expect(sumOfProducts([{ quantity: '1', unitPrice: '0.005' }], 2)).toBe('0.01');
    expect(sumOfProducts([{ quantity: '0.5', unitPrice: '0.01' }], 2)).toBe('0.01');
    expect(sumOfProducts([{ quantity: '2', unitPrice: '100' }], 0)).toBe('200');
    expect(sumOfProducts([{ quantity: '1.5', unitPrice: '1.001' }], 3)).toBe('1.502');
  });

  it('gives null when a value is not a decimal', () => {
    expect(sumOfProducts([{ quantity: 'x', unitPrice: '1' }], 2)).toBeNull();
    expect(toScaled('1e3')).toBeNull();
  });
});
