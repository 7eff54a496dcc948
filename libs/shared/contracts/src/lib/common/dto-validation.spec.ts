import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
// The whole entry point, as the browser loads it: no reflect-metadata here.
import {
  CreateSaleDto,
  ListClientsQueryDto,
  PutExchangeRatesDto,
  UpdateClientDto,
  UpdateCompanyDto,
  UpdateSaleDto,
} from '../../index';

const errorsOf = <T extends object>(dto: new () => T, plain: object) =>
  validateSync(plainToInstance(dto, plain), { whitelist: true, forbidNonWhitelisted: true })
    .flatMap((e) => [
      e.property,
      ...(e.children ?? []).flatMap((c) => (c.children ?? []).map((g) => `${e.property}.${c.property}.${g.property}`)),
    ])
    .sort();

describe('request DTOs', () => {
  it('load without reflect-metadata (the browser imports this library)', () => {
    expect((Reflect as unknown as { getMetadata?: unknown }).getMetadata).toBeUndefined();
  });

  it('refuse an explicit null where a field cannot be cleared, and keep it where it clears', () => {
    expect(errorsOf(UpdateCompanyDto, { name: null, baseCurrency: null, timeZone: null })).toEqual([
      'baseCurrency',
      'name',
      'timeZone',
    ]);
    expect(errorsOf(UpdateCompanyDto, {})).toEqual([]);
    expect(
      errorsOf(UpdateSaleDto, {
        amount: null,
        currency: null,
        soldAt: null,
        status: null,
        clientId: null,
        items: null,
      }),
    ).toEqual(['amount', 'clientId', 'currency', 'items', 'soldAt', 'status']);
    expect(errorsOf(UpdateSaleDto, { externalId: null })).toEqual([]);
    expect(errorsOf(UpdateClientDto, { name: null, email: null, externalId: null, attributes: null })).toEqual([]);
  });

  it('convert query strings and refuse bad ones', () => {
    const query = plainToInstance(ListClientsQueryDto, { page: '2', pageSize: '20', hasPurchases: 'true' });
    expect([query.page, query.pageSize, query.hasPurchases]).toEqual([2, 20, true]);
    expect(
      errorsOf(ListClientsQueryDto, {
        page: 'x',
        pageSize: '201',
        sort: 'password',
        lastInteractionFrom: '2026-02-30',
      }),
    ).toEqual(['lastInteractionFrom', 'page', 'pageSize', 'sort']);
  });

  it('validate nested sale items (unit prices to 4 digits whatever the currency)', () => {
    const sale = {
      clientId: '3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10',
      amount: '10',
      currency: 'JPY',
      soldAt: '2026-11-20T10:15:00Z',
    };
    expect(errorsOf(CreateSaleDto, { ...sale, items: [{ name: 'A', quantity: 1, unitPrice: 10 }] })).toEqual([]);
    expect(errorsOf(CreateSaleDto, { ...sale, items: [{ name: 'A', quantity: 1, unitPrice: '10.5' }] })).toEqual([]);
    expect(errorsOf(CreateSaleDto, { ...sale, items: [{ name: 'A', quantity: 1, unitPrice: '0.00001' }] })).toEqual([
      'items',
      'items.0.unitPrice',
    ]);
    expect(errorsOf(CreateSaleDto, { ...sale, items: [{ name: 'A', quantity: -1, unitPrice: 1, x: 1 }] })).toEqual([
      'items',
      'items.0.quantity',
      'items.0.x',
    ]);
  });

  it('validate exchange rates', () => {
    expect(
      errorsOf(PutExchangeRatesDto, { rates: [{ currency: 'USD', rate: '92.5012', validFrom: '2026-01-01' }] }),
    ).toEqual([]);
    expect(errorsOf(PutExchangeRatesDto, { rates: [{ currency: 'usd', rate: 0, validFrom: '2026-1-1' }] })).toEqual([
      'rates',
      'rates.0.currency',
      'rates.0.rate',
      'rates.0.validFrom',
    ]);
  });
});
