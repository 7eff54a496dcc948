import { minorUnits, isCurrencyCode } from './currency';
import { formatMoney, parseDecimal, parseMoney, roundDecimal, toDecimalString } from './money';

describe('toDecimalString', () => {
  it.each([
    ['1234.50', '1234.5'],
    [1234.5, '1234.5'],
    ['007', '7'],
    ['-0.00', '0'],
    [0.1, '0.1'],
    ['-12.340', '-12.34'],
  ])('reads %p exactly as %p', (input, expected) => {
    expect(toDecimalString(input)).toBe(expected);
  });

  it.each(['1e3', '+1', '.5', '1.', ' 1', '1,5', '', 'NaN', null, undefined, true, Infinity, NaN, 1e21, {}])(
    'refuses %p',
    (input) => {
      expect(toDecimalString(input)).toBeNull();
    },
  );
});

describe('parseMoney', () => {
  it('accepts at most the minor-unit digits of the currency', () => {
    expect(parseMoney('1234.50', 'RUB')).toEqual({ ok: true, value: '1234.5' });
    expect(parseMoney('1234.505', 'RUB')).toEqual({
      ok: false,
      error: 'must have at most 2 fractional digits for RUB',
    });
    expect(parseMoney('1500', 'JPY')).toEqual({ ok: true, value: '1500' });
    expect(parseMoney('1500.00', 'JPY')).toEqual({ ok: true, value: '1500' });
    expect(parseMoney(1500.5, 'JPY').ok).toBe(false);
    expect(parseMoney('1.125', 'KWD')).toEqual({ ok: true, value: '1.125' });
    expect(parseMoney(0.1 + 0.2, 'USD').ok).toBe(false);
  });

  it('refuses negative amounts and more than 15 integer digits', () => {
    expect(parseMoney('-1', 'RUB')).toEqual({ ok: false, error: 'must not be negative' });
    expect(parseMoney('1234567890123456', 'RUB').ok).toBe(false);
    expect(parseMoney('123456789012345.99', 'RUB').ok).toBe(true);
  });

  it('can require a positive value', () => {
    expect(parseDecimal('0', { maxFractionDigits: 3, positive: true })).toEqual({
      ok: false,
      error: 'must be greater than zero',
    });
  });
});

describe('formatMoney', () => {
  it('prints exactly the minor-unit digits', () => {
    expect(formatMoney('1234.5000', 'RUB')).toBe('1234.50');
    expect(formatMoney('1234.5', 'USD')).toBe('1234.50');
    expect(formatMoney('1500.0000', 'JPY')).toBe('1500');
    expect(formatMoney('1.1250', 'KWD')).toBe('1.125');
    expect(formatMoney('0', 'EUR')).toBe('0.00');
    expect(formatMoney(12, 'EUR')).toBe('12.00');
  });

  it('rounds half-up once, away from zero', () => {
    expect(roundDecimal('2.345', 2)).toBe('2.35');
    expect(roundDecimal('2.3449', 2)).toBe('2.34');
    expect(roundDecimal('-2.345', 2)).toBe('-2.35');
    expect(roundDecimal('0.005', 2)).toBe('0.01');
    expect(roundDecimal('999.995', 2)).toBe('1000.00');
    expect(roundDecimal('12345678901234567890.123456789', 4)).toBe('12345678901234567890.1235');
  });
});

describe('currencies', () => {
  it('knows ISO 4217 codes and their minor units', () => {
    expect(isCurrencyCode('RUB')).toBe(true);
    expect(isCurrencyCode('rub')).toBe(false);
    expect(isCurrencyCode('XAU')).toBe(false);
    expect(isCurrencyCode('toString')).toBe(false);
    expect([minorUnits('RUB'), minorUnits('JPY'), minorUnits('KWD'), minorUnits('BHD')]).toEqual([2, 0, 3, 3]);
  });
});
