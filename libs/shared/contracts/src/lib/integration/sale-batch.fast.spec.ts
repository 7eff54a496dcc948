import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { SALE_ITEMS_MAX } from '../common/validation';
import { SaleBatchItemDto } from './sale-batch.dto';
import { acceptSaleBatchItem } from './sale-batch.fast';

/** What the batch endpoints ran before the fast path: class-transformer, then class-validator. */
function classValidatorAccepts(raw: Record<string, unknown>): SaleBatchItemDto | null {
  const item = plainToInstance(SaleBatchItemDto, raw);
  const errors = validateSync(item, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length === 0 ? item : null;
}

/** Mostly a valid value, sometimes an edge case or a wrong one: most items have one flaw or none. */
const field = <T, U>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: edge });

const text = (min: number, max: number) =>
  field(
    fc.string({ minLength: Math.max(min, 1), maxLength: 12 }),
    fc.constantFrom('', 'x'.repeat(max), 'x'.repeat(max + 1), '😀'.repeat(max), '😀'.repeat(max - 1) + 'xx', null, 7),
  );

/** Decimal strings with 0–5 fractional digits, JSON numbers, and what is not a decimal. */
const decimal = (valid: fc.Arbitrary<string | number>) =>
  field(
    valid,
    fc.oneof(
      fc.constantFrom('0', '0.5', '12.345', '1.2345', '1.23456', '-1', '1e3', '.5', '1.', ' 1', '+1', '', '0.0000'),
      fc.constantFrom('1234567890123456', '123456789012345.5', '99999999999', '999999999999', '99999999999.999'),
      fc.double({ min: -10, max: 1e6 }),
      fc.constantFrom(Number.POSITIVE_INFINITY, Number.NaN, 1e21, 0.001, 0.0001, -0, null, true, [], {}),
      fc
        .tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 5 }))
        .map(([n, digits]) => (n / 10 ** digits).toFixed(digits)),
    ),
  );

const cents = fc.integer({ min: 0, max: 10_000_000 }).map((n) => (n / 100).toFixed(2));

const saleLine = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .record(
        {
          sku: field(fc.string({ maxLength: 10 }), fc.oneof(text(0, 128), fc.constant(null))),
          name: text(1, 500),
          quantity: decimal(fc.integer({ min: 1, max: 100 })),
          unitPrice: decimal(cents),
          discount: fc.constant('5%'),
        },
        { requiredKeys: ['name', 'quantity', 'unitPrice'] },
      )
      .map((line) => {
        // An unknown field now and then, not in every other line.
        if ('discount' in line && line.name !== null && String(line.name).length % 5 !== 0) delete line.discount;
        return line;
      }),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, 'line', [], {}) },
);

const sale = fc
  .record(
    {
      externalId: text(1, 128),
      clientExternalId: text(1, 128),
      amount: decimal(cents),
      currency: field(
        fc.constantFrom('RUB', 'USD', 'EUR'),
        fc.constantFrom('JPY', 'BHD', 'CLF', 'rub', 'XAU', 'ZZZ', '', 5),
      ),
      soldAt: field(
        fc.constantFrom('2026-11-20T10:15:00+03:00', '2026-11-20T10:15Z', '2026-11-20T10:15:00.123456-0500'),
        fc.constantFrom(
          '2026-02-30T10:15:00Z',
          '2026-11-20',
          '2026-11-20T10:15:00',
          '1899-12-31T23:59:59Z',
          '2200-12-31T23:59:59+14:00',
          'yesterday',
          1_700_000_000,
        ),
      ),
      status: field(
        fc.constantFrom(undefined, null, 'paid', 'pending', 'cancelled', 'refunded'),
        fc.constantFrom('PAID', 'lost', 1),
      ),
      kind: field(fc.constantFrom(undefined, null, 'sale', 'return'), fc.constantFrom('Return', 'refund', 0)),
      returnOf: field(text(1, 128), fc.constantFrom('', 7, {})),
      items: field(fc.array(saleLine, { maxLength: 3 }), fc.constantFrom(null, 'none', {})),
      note: fc.constant('an unknown field'),
    },
    { requiredKeys: ['externalId', 'clientExternalId', 'amount', 'currency', 'soldAt'] },
  )
  .map((raw) => {
    if ('note' in raw && String(raw.externalId).length % 4 !== 0) delete raw.note;
    return raw;
  });

/** Valid sales as integrations send them, so that "accepted" is proven on the usual shapes. */
const validSale = fc.record({
  externalId: fc.string({ minLength: 1, maxLength: 20 }),
  clientExternalId: fc.string({ minLength: 1, maxLength: 20 }),
  amount: cents,
  currency: fc.constantFrom('RUB', 'USD', 'EUR'),
  soldAt: fc.constant('2026-11-20T10:15:00+03:00'),
  items: fc.array(
    fc.record({
      sku: fc.string({ maxLength: 10 }),
      name: fc.string({ minLength: 1, maxLength: 20 }),
      quantity: fc.integer({ min: 1, max: 100 }),
      unitPrice: cents,
    }),
    { maxLength: 3 },
  ),
});

const sameAsClassValidator = (raw: Record<string, unknown>) => {
  const expected = classValidatorAccepts(raw);
  const actual = acceptSaleBatchItem(raw);
  expect(actual === null).toBe(expected === null);
  if (expected !== null) {
    expect(actual).toBeInstanceOf(SaleBatchItemDto);
    expect(actual).toEqual(expected);
    expect(actual?.items?.map((i) => i.constructor)).toEqual(expected.items?.map((i) => i.constructor));
  }
};

describe('acceptSaleBatchItem (the batch fast path)', () => {
  it('accepts exactly the items class-validator accepts, as the same instances', () => {
    let accepted = 0;
    fc.assert(
      fc.property(sale, (raw) => {
        sameAsClassValidator(raw);
        if (acceptSaleBatchItem(raw) !== null) accepted += 1;
      }),
      { numRuns: 3000 },
    );
    // Both answers are exercised: a generator that only ever made invalid items would prove nothing.
    expect(accepted).toBeGreaterThan(300);
    expect(accepted).toBeLessThan(2700);
  });

  it('accepts the valid sales an integration typically sends', () => {
    fc.assert(
      fc.property(validSale, (raw) => {
        sameAsClassValidator(raw);
        expect(acceptSaleBatchItem(raw)).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('refuses more items than a sale may have, and takes the limit itself', () => {
    const line = { name: 'x', quantity: 1, unitPrice: '1.00' };
    const base = { externalId: 'S', clientExternalId: 'C', amount: '1', currency: 'RUB', soldAt: '2026-11-20T10:15Z' };
    sameAsClassValidator({ ...base, items: Array.from({ length: SALE_ITEMS_MAX }, () => line) });
    sameAsClassValidator({ ...base, items: Array.from({ length: SALE_ITEMS_MAX + 1 }, () => line) });
    expect(acceptSaleBatchItem({ ...base, items: Array.from({ length: SALE_ITEMS_MAX + 1 }, () => line) })).toBeNull();
  });

  it('takes unit prices with up to 4 fractional digits in any currency, and no more', () => {
    const base = { externalId: 'S', clientExternalId: 'C', amount: '1', soldAt: '2026-11-20T10:15Z' };
    for (const unitPrice of ['0.001', '1.5', '2.1234']) {
      const items = [{ name: 'x', quantity: 1, unitPrice }];
      expect(acceptSaleBatchItem({ ...base, currency: 'GBP', items })).not.toBeNull();
      expect(acceptSaleBatchItem({ ...base, currency: 'JPY', items })).not.toBeNull();
      sameAsClassValidator({ ...base, currency: 'JPY', items });
    }
    const finer = [{ name: 'x', quantity: 1, unitPrice: '0.00001' }];
    expect(acceptSaleBatchItem({ ...base, currency: 'GBP', items: finer })).toBeNull();
    sameAsClassValidator({ ...base, currency: 'GBP', items: finer });
  });

  it('takes a return with the original externalId', () => {
    const base = { externalId: 'R', clientExternalId: 'C', amount: '1', currency: 'GBP', soldAt: '2026-11-20T10:15Z' };
    sameAsClassValidator({ ...base, kind: 'return', returnOf: 'S' });
    expect(acceptSaleBatchItem({ ...base, kind: 'return', returnOf: 'S' })).not.toBeNull();
    expect(acceptSaleBatchItem({ ...base, kind: 'refund' })).toBeNull();
  });
});
