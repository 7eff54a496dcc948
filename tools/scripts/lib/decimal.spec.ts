import { formatDecimal, parseDecimal, roundHalfUp } from './decimal';

describe('decimal', () => {
  it('sums prices times quantities exactly where floats drift', () => {
    const total = [
      ['0.1', 3],
      ['0.2', 3],
    ].reduce((sum, [price, qty]) => sum + BigInt(qty) * parseDecimal(String(price)), 0n);
    expect(formatDecimal(total, 2)).toBe('0.90');
    expect(0.1 * 3 + 0.2 * 3).not.toBe(0.9);
  });

  it('rounds half-up on the magnitude', () => {
    expect(formatDecimal(roundHalfUp(parseDecimal('0.005'), 2), 2)).toBe('0.01');
    expect(formatDecimal(roundHalfUp(parseDecimal('0.0049'), 2), 2)).toBe('0.00');
    expect(formatDecimal(roundHalfUp(parseDecimal('-0.005'), 2), 2)).toBe('-0.01');
  });

  it('formats exactly the requested digits', () => {
    expect(formatDecimal(parseDecimal('1234.5'), 2)).toBe('1234.50');
    expect(formatDecimal(parseDecimal('-11062.06'), 2)).toBe('-11062.06');
    expect(formatDecimal(parseDecimal('7'), 0)).toBe('7');
  });

  it('refuses to format a value with more digits than asked', () => {
    expect(() => formatDecimal(parseDecimal('0.001'), 2)).toThrow();
  });

  it('rejects text that is not a decimal', () => {
    for (const bad of ['', '1,5', '1e3', '.5', 'abc', '0.1234567']) {
      expect(() => parseDecimal(bad)).toThrow();
    }
  });
});
