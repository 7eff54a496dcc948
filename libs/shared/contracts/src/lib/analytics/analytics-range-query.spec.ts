import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
// The whole entry point, as the browser loads it.
import { AnalyticsRangeQueryDto, RevenueForecastQueryDto } from '../../index';

const A = '0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10';
const B = '0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c11';

const parse = (plain: object) => plainToInstance(AnalyticsRangeQueryDto, plain);
const errorsOf = (dto: new () => object, plain: object) =>
  validateSync(plainToInstance(dto, plain), { whitelist: true, forbidNonWhitelisted: true })
    .map((e) => e.property)
    .sort();

describe('clientIds and currencies of the indicators', () => {
  it('read a list repeated, comma separated or both, trimming the parts', () => {
    expect(parse({ clientIds: `${A},${B}` }).clientIds).toEqual([A, B]);
    expect(parse({ clientIds: [A, ` ${B} `] }).clientIds).toEqual([A, B]);
    expect(parse({ currencies: ['RUB,USD', 'EUR'] }).currencies).toEqual(['RUB', 'USD', 'EUR']);
    expect(parse({ currencies: 'USD' }).currencies).toEqual(['USD']);
    expect(parse({}).clientIds).toBeUndefined();
  });

  it('accept valid lists on the range queries and the forecast', () => {
    expect(errorsOf(AnalyticsRangeQueryDto, { clientIds: `${A},${B}`, currencies: 'RUB,USD' })).toEqual([]);
    expect(errorsOf(RevenueForecastQueryDto, { clientIds: A, currencies: 'USD' })).toEqual([]);
  });

  it('refuse empty lists, bad ids and codes, and more ids than a query string holds', () => {
    expect(errorsOf(AnalyticsRangeQueryDto, { clientIds: '' })).toEqual(['clientIds']);
    expect(errorsOf(AnalyticsRangeQueryDto, { clientIds: ',' })).toEqual(['clientIds']);
    expect(errorsOf(AnalyticsRangeQueryDto, { clientIds: `${A},42` })).toEqual(['clientIds']);
    expect(errorsOf(AnalyticsRangeQueryDto, { clientIds: Array(301).fill(A).join(',') })).toEqual(['clientIds']);
    expect(errorsOf(AnalyticsRangeQueryDto, { clientIds: Array(300).fill(A).join(',') })).toEqual([]);
    expect(errorsOf(AnalyticsRangeQueryDto, { currencies: 'usd' })).toEqual(['currencies']);
    expect(errorsOf(AnalyticsRangeQueryDto, { currencies: 'RUB,XXX' })).toEqual(['currencies']);
    expect(errorsOf(RevenueForecastQueryDto, { currencies: '' })).toEqual(['currencies']);
    expect(errorsOf(AnalyticsRangeQueryDto, { clientIds: { a: 1 } })).toEqual(['clientIds']);
  });
});
