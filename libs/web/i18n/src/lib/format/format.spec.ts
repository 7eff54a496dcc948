import {
  EMPTY_VALUE,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPrice,
  formatRelativeTime,
} from './format';

/** Intl separates groups and the currency sign with no-break spaces; spell them out. */
const nbsp = (text: string) => text.replace(/ /g, '\u00a0');

describe('formatMoney', () => {
  it('writes roubles the Russian way', () => {
    expect(formatMoney('1234.50', 'RUB', 'ru')).toBe(nbsp('1 234,50 ₽'));
  });

  it('writes roubles the English way', () => {
    expect(formatMoney('1234.50', 'RUB', 'en')).toBe('₽1,234.50');
  });

  it('pads to the currency minor units and accepts numbers', () => {
    expect(formatMoney(1234.5, 'USD', 'en')).toBe('$1,234.50');
    expect(formatMoney('1234', 'JPY', 'en')).toBe('¥1,234');
  });

  it('keeps every digit of a large decimal string', () => {
    expect(formatMoney('12345678901234567.89', 'RUB', 'en')).toBe('₽12,345,678,901,234,567.89');
  });

  it('shows an en dash for an absent or malformed amount', () => {
    expect(formatMoney(null, 'RUB', 'ru')).toBe(EMPTY_VALUE);
    expect(formatMoney('abc', 'RUB', 'ru')).toBe(EMPTY_VALUE);
  });
});

describe('formatNumber', () => {
  it('groups digits by locale', () => {
    expect(formatNumber(1234567, 'ru')).toBe(nbsp('1 234 567'));
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(undefined, 'en')).toBe(EMPTY_VALUE);
  });
});

describe('formatDate', () => {
  const date = '2026-11-20T10:15:00.000Z';

  it('writes a Russian date without the trailing "г."', () => {
    expect(formatDate(date, 'ru', 'UTC')).toBe('20 нояб. 2026');
  });

  it('writes an English date', () => {
    expect(formatDate(date, 'en', 'UTC')).toBe('Nov 20, 2026');
  });

  it('respects the time zone', () => {
    expect(formatDate('2026-11-20T22:30:00Z', 'en', 'Europe/Moscow')).toBe('Nov 21, 2026');
  });

  it('adds the time when asked', () => {
    expect(formatDateTime(date, 'ru', 'UTC')).toBe('20 нояб. 2026, 10:15');
    expect(formatDateTime(date, 'en', 'UTC')).toMatch(/^Nov 20, 2026, 10:15\sAM$/);
  });

  it('shows an en dash for null and invalid dates', () => {
    expect(formatDate(null, 'ru')).toBe(EMPTY_VALUE);
    expect(formatDate('not a date', 'en')).toBe(EMPTY_VALUE);
  });
});

describe('formatRelativeTime', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('says "3 дня назад" and "3 days ago"', () => {
    expect(formatRelativeTime(ago(3 * 86_400_000), 'ru', now)).toBe('3 дня назад');
    expect(formatRelativeTime(ago(3 * 86_400_000), 'en', now)).toBe('3 days ago');
  });

  it('uses words for yesterday and now', () => {
    expect(formatRelativeTime(ago(86_400_000), 'ru', now)).toBe('вчера');
    expect(formatRelativeTime(ago(5_000), 'en', now)).toBe('now');
  });

  it('picks minutes, hours, weeks, months and years', () => {
    expect(formatRelativeTime(ago(5 * 60_000), 'ru', now)).toBe('5 минут назад');
    expect(formatRelativeTime(ago(2 * 3_600_000), 'en', now)).toBe('2 hours ago');
    expect(formatRelativeTime(ago(14 * 86_400_000), 'en', now)).toBe('2 weeks ago');
    expect(formatRelativeTime(ago(90 * 86_400_000), 'en', now)).toBe('3 months ago');
    expect(formatRelativeTime(ago(800 * 86_400_000), 'ru', now)).toBe('2 года назад');
  });

  it('speaks about the future too', () => {
    expect(formatRelativeTime(new Date(now.getTime() + 2 * 3_600_000), 'ru', now)).toBe('через 2 часа');
  });
});

describe('formatPrice', () => {
  it('keeps up to 4 fractional digits where the price has them, else the currency digits', () => {
    expect(formatPrice('0.001', 'GBP', 'en')).toBe('£0.001');
    expect(formatPrice('0.0010', 'GBP', 'ru')).toBe(nbsp('0,001 £'));
    expect(formatPrice('20', 'GBP', 'en')).toBe('£20.00');
    expect(formatPrice('1.2345', 'JPY', 'en')).toBe('¥1.2345');
  });
});
