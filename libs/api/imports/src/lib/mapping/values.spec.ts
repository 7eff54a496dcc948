import { normalizeCurrency, normalizeDecimal, normalizeStatus, normalizeTimestamp } from './values';

describe('normalizeDecimal', () => {
  it.each([
    ['1 234,50', '1234.50'],
    ['1\u00a0234,5', '1234.5'],
    ['1,234.50', '1234.50'],
    ['1.234,50', '1234.50'],
    ['1234.5', '1234.5'],
    ['12,5', '12.5'],
    ['1,234,567', '1234567'],
    ['-7,25', '-7.25'],
  ])('reads %s as %s', (text, expected) => {
    expect(normalizeDecimal(text)).toBe(expected);
  });

  it('leaves text that is not a number for validation to refuse', () => {
    expect(normalizeDecimal('twelve')).toBe('twelve');
    expect(normalizeDecimal('')).toBe('');
  });
});

describe('normalizeTimestamp', () => {
  it('keeps ISO 8601 with an offset', () => {
    expect(normalizeTimestamp('2026-11-20T10:15:00+03:00', 'Europe/London')).toBe('2026-11-20T10:15:00+03:00');
    expect(normalizeTimestamp('2026-11-20T10:15:00Z', 'Europe/London')).toBe('2026-11-20T10:15:00Z');
  });

  it('reads Russian and ISO wall times in the company time zone', () => {
    expect(normalizeTimestamp('01.12.2010 8:26', 'Europe/Moscow')).toBe('2010-12-01T08:26:00+03:00');
    expect(normalizeTimestamp('2011-06-01 10:15:00', 'Europe/London')).toBe('2011-06-01T10:15:00+01:00');
    expect(normalizeTimestamp('2011-06-01', 'UTC')).toBe('2011-06-01T00:00:00+00:00');
  });

  it('leaves impossible dates and other text unchanged', () => {
    expect(normalizeTimestamp('31.02.2011', 'UTC')).toBe('31.02.2011');
    expect(normalizeTimestamp('вчера', 'UTC')).toBe('вчера');
  });
});

describe('normalizeStatus and normalizeCurrency', () => {
  it('understands Russian words', () => {
    expect(normalizeStatus('Оплачено')).toBe('paid');
    expect(normalizeStatus('Отменён')).toBe('cancelled');
    expect(normalizeStatus('Возврат')).toBe('refunded');
    expect(normalizeStatus('PENDING')).toBe('pending');
    expect(normalizeStatus('потерян')).toBe('потерян');
    expect(normalizeCurrency('руб.')).toBe('RUB');
    expect(normalizeCurrency(' usd ')).toBe('USD');
    expect(normalizeCurrency('€')).toBe('EUR');
  });
});
