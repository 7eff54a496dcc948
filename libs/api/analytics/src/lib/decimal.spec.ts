import { average, divideDecimal, money, moneyOfNumber, relativeDecimalChange, sumDecimals } from './decimal';

describe('decimal', () => {
  it('divides exactly and rounds half away from zero once', () => {
    expect(divideDecimal('10', 3n, 2)).toBe('3.33');
    expect(divideDecimal('20', 3n, 2)).toBe('6.67');
    expect(divideDecimal('0.125', 1n, 2)).toBe('0.13');
    expect(divideDecimal('-0.125', 1n, 2)).toBe('-0.13');
    expect(divideDecimal('1.0049999999999999999999999999', 1n, 2)).toBe('1.00');
    expect(divideDecimal('7', 2n, 0)).toBe('4');
    expect(divideDecimal('0.001', 1n, 2)).toBe('0.00');
  });

  it('formats sums and averages with the currency digits', () => {
    expect(money(null, 'RUB')).toBe('0.00');
    expect(money('1234.5000000000000000', 'JPY')).toBe('1235');
    expect(average('100.01', 2, 'RUB')).toBe('50.01'); // 50.005 → 50.01, rounded once
    expect(average('10', 0, 'RUB')).toBeNull();
    expect(average('1', 3, 'KWD')).toBe('0.333');
  });

  it('gives relative changes, null from zero', () => {
    expect(relativeDecimalChange('150.00', '100')).toBe(0.5);
    expect(relativeDecimalChange('50', '100.0')).toBe(-0.5);
    expect(relativeDecimalChange('5', '0.00')).toBeNull();
  });

  it('sums decimals exactly and prints model figures as money', () => {
    expect(sumDecimals(['0.1', '0.2', '1.000000000000000000000000001'])).toBe('1.300000000000000000000000001');
    expect(sumDecimals([])).toBe('0');
    expect(sumDecimals(['-1.5', '1'])).toBe('-0.5');
    expect(moneyOfNumber(1234.5678, 'RUB')).toBe('1234.57');
    expect(moneyOfNumber(-0.001, 'RUB')).toBe('0.00');
    expect(moneyOfNumber(12.5, 'JPY')).toBe('13');
  });
});
