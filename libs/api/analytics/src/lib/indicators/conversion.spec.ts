import { SqlParams } from '../sql';
import { conversionOf, convertedSumSql, hasUnconvertiblePaidSales, MINUS_INFINITY, thresholdsSql } from './conversion';

describe('conversion', () => {
  const firstRates = new Map([
    ['USD', '2026-01-01'],
    ['EUR', '2026-02-15'],
  ]);

  it('converts a currency from the later of its first rate and the target’s', () => {
    const intoUsd = conversionOf({ companyId: 'c' }, 'RUB', 'USD', firstRates);
    expect(intoUsd.thresholds.get('USD')).toBe(MINUS_INFINITY); // c → c always
    expect(intoUsd.thresholds.get('RUB')).toBe('2026-01-01'); // base → USD needs the USD rate
    expect(intoUsd.thresholds.get('EUR')).toBe('2026-02-15');
    const intoBase = conversionOf({ companyId: 'c' }, 'RUB', 'RUB', firstRates);
    expect(intoBase.thresholds.get('RUB')).toBe(MINUS_INFINITY);
    expect(intoBase.thresholds.get('USD')).toBe('2026-01-01');
  });

  it('converts nothing but the target itself into a currency without rates', () => {
    const intoJpy = conversionOf({ companyId: 'c' }, 'RUB', 'JPY', firstRates);
    expect([...intoJpy.thresholds]).toEqual([['JPY', MINUS_INFINITY]]);
  });

  it('knows when some paid sale up to a day cannot be converted', () => {
    const intoBase = conversionOf({ companyId: 'c' }, 'RUB', 'RUB', firstRates);
    const paid = (entries: [string, string][]) => new Map(entries);
    expect(
      hasUnconvertiblePaidSales(
        intoBase,
        paid([
          ['RUB', '2025-01-01'],
          ['USD', '2026-01-01'],
        ]),
        '2026-12-31',
      ),
    ).toBe(false);
    expect(hasUnconvertiblePaidSales(intoBase, paid([['USD', '2025-12-31']]), '2026-12-31')).toBe(true);
    expect(hasUnconvertiblePaidSales(intoBase, paid([['USD', '2025-12-31']]), '2025-12-30')).toBe(false);
    expect(hasUnconvertiblePaidSales(intoBase, paid([['JPY', '2026-06-01']]), '2026-12-31')).toBe(true);
  });

  it('sums without dividing into the base currency, once per target rate otherwise', () => {
    expect(convertedSumSql(conversionOf({ companyId: 'c' }, 'RUB', 'RUB', firstRates), 'x', ['day'])).not.toContain(
      '/ rt',
    );
    expect(convertedSumSql(conversionOf({ companyId: 'c' }, 'RUB', 'USD', firstRates), 'x', ['day'])).toContain(
      'round(part, 24) / rt',
    );
    const p = new SqlParams();
    expect(thresholdsSql(conversionOf({ companyId: 'c' }, 'RUB', 'RUB', firstRates), p)).toContain(
      'unnest($1::text[], $2::date[])',
    );
    expect(p.values).toHaveLength(2);
  });
});
