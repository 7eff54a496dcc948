import fc from 'fast-check';
import { api } from '../support/client';
import { companyWithKey, pushClients, pushSales, readFeed } from '../support/crm';

/*
 * Random and malformed batches against the integration API, with an independent model of what
 * must be stored: never a 5xx, never an invalid item stored, every valid item stored as sent
 * (omitted fields kept, nulls cleared, the first of repeated externalIds applied).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Tagged {
  item: unknown;
  valid: boolean;
}

const EXTERNAL_IDS = ['A', 'B', 'C', 'Ж-1', 'x'.repeat(128), ' spaced id '];
const unstorable = (s: string) =>
  s.includes('\u0000') || /[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));
/** True when some string or key inside `value` is unstorable, or a key is `__proto__`. */
const deepUnstorable = (value: unknown): boolean =>
  typeof value === 'string'
    ? unstorable(value)
    : Array.isArray(value)
      ? value.some(deepUnstorable)
      : value !== null && typeof value === 'object'
        ? Object.entries(value).some(([k, v]) => k === '__proto__' || unstorable(k) || deepUnstorable(v))
        : false;
const text = (max: number) =>
  fc.string({ unit: 'grapheme', maxLength: Math.min(max, 40) }).filter((s) => !unstorable(s) && [...s].length <= max);
const long = (min: number) =>
  fc
    .string({ unit: 'grapheme-ascii', minLength: min, maxLength: min + 5 })
    .filter((s) => !unstorable(s) && [...s].length >= min);

/** A field value and whether it is acceptable. */
const field = (valid: fc.Arbitrary<unknown>, invalid: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 4, arbitrary: valid.map((value) => ({ value, valid: true })) },
    { weight: 1, arbitrary: fc.constant({ value: null, valid: true }) },
    { weight: 1, arbitrary: invalid.map((value) => ({ value, valid: false })) },
  );

const jsonValue: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
const attributes = fc
  .dictionary(
    text(20).filter((k) => k !== '__proto__'),
    jsonValue,
    { maxKeys: 4 },
  )
  .filter((o) => !deepUnstorable(o));

const clientArbitrary: fc.Arbitrary<Tagged> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc
      .record(
        {
          externalId: fc.oneof(
            { weight: 8, arbitrary: fc.constantFrom(...EXTERNAL_IDS).map((value) => ({ value, valid: true })) },
            {
              weight: 1,
              arbitrary: fc
                .constantFrom('', 'y'.repeat(129), 42, null, 'bad\u0000id')
                .map((value) => ({ value, valid: false })),
            },
          ),
          email: field(
            fc.stringMatching(/^[a-zа-я0-9._+-]{1,12}@[a-zа-я0-9.-]{1,12}$/),
            fc.constantFrom('no-at-sign', 'two@@signs', 5, ''),
          ),
          name: field(text(300), fc.oneof(long(301), fc.constant('bad\u0000name'), fc.constant({ first: 'x' }))),
          phone: field(text(64), long(65)),
          activity: field(text(200), fc.oneof(long(201), fc.constant('a'.repeat(200) + '\uFE0F'))),
          attributes: field(
            attributes,
            fc.oneof(fc.constant([1, 2]), fc.constant('text'), fc.constant({ big: 'x'.repeat(17_000) })),
          ),
          unknown: fc.constantFrom({ value: undefined, valid: true }, { value: 'surprise', valid: false }),
        },
        { requiredKeys: ['externalId'] },
      )
      .map((fields) => {
        const item: Record<string, unknown> = {};
        let valid = true;
        for (const [key, f] of Object.entries(fields)) {
          if (f.value === undefined) continue;
          item[key === 'unknown' ? 'unknownField' : key] = f.value;
          valid &&= f.valid;
        }
        return { item, valid };
      }),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<unknown>(null, 7, 'client', [{ externalId: 'A' }])
      .map((item) => ({ item, valid: false })),
  },
);

type Stored = Record<string, unknown>;

/** Applies a batch to the model; returns the indexes that must fail and how many must be applied. */
function applyClients(model: Map<string, Stored>, batch: Tagged[]): { failed: number[]; applied: number } {
  const seen = new Set<string>();
  const failed: number[] = [];
  batch.forEach(({ item, valid }, index) => {
    const externalId = valid ? ((item as Stored)['externalId'] as string) : '';
    if (!valid || seen.has(externalId)) return failed.push(index);
    seen.add(externalId);
    const before = model.get(externalId) ?? {
      externalId,
      email: null,
      name: null,
      phone: null,
      activity: null,
      attributes: null,
    };
    // As the API will answer it: JSON round-tripped (-0 becomes 0, key order is irrelevant).
    model.set(externalId, { ...before, ...(JSON.parse(JSON.stringify(item)) as Stored) });
    return undefined;
  });
  return { failed, applied: seen.size };
}

describe('integration batches (property-based)', () => {
  it('never answers 5xx, never stores an invalid client, stores every valid one as sent', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(clientArbitrary, { maxLength: 25 }), { minLength: 1, maxLength: 4 }),
        async (batches) => {
          const { apiKey } = await companyWithKey();
          const model = new Map<string, Stored>();
          for (const batch of batches) {
            const expected = applyClients(model, batch);
            const res = await pushClients(
              apiKey.key,
              batch.map((b) => b.item),
            );
            expect(res.status).toBe(200);
            expect(res.body.failed.map((f: { index: number }) => f.index)).toEqual(expected.failed);
            expect(res.body.created + res.body.updated + res.body.unchanged).toBe(expected.applied);
          }
          const stored = (await readFeed<Stored>(apiKey.key, 'clients', { limit: 1000 })).items;
          const byId = new Map(stored.map((c) => [c['externalId'] as string, c]));
          expect([...byId.keys()].sort()).toEqual([...model.keys()].sort());
          for (const [externalId, expected] of model) {
            const { id, createdAt, updatedAt, lastInteractionAt, ...actual } = byId.get(externalId) as Stored;
            expect({ id, createdAt, updatedAt, lastInteractionAt }).toEqual({
              id: expect.any(String),
              createdAt: expect.any(String),
              updatedAt: expect.any(String),
              lastInteractionAt: null,
            });
            expect(actual).toEqual(expected);
          }
        },
      ),
      { numRuns: 25, interruptAfterTimeLimit: 120_000 },
    );
  }, 180_000);

  it('never answers 5xx to random sales, stores exactly the valid ones with exact money', async () => {
    const CLIENTS = ['K1', 'K2'];
    const sale = fc
      .record({
        externalId: fc.constantFrom('S1', 'S2', 'S3', 'S4'),
        clientExternalId: fc.constantFrom('K1', 'K2', 'UNKNOWN'),
        currency: fc.constantFrom('RUB', 'JPY', 'KWD', 'usd', 'XAU'),
        amount: fc.oneof(
          fc.integer({ min: 0, max: 1_000_000 }),
          fc.stringMatching(/^\d{1,6}(\.\d{1,4})?$/),
          fc.double({ min: -10, max: 1e6, noNaN: true }),
          fc.constantFrom('1e5', '', ' 1', '-1', 'NaN', null),
        ),
        soldAt: fc.oneof(
          fc
            .date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString()),
          fc.constantFrom('2026-01-01', 'today', '2026-02-30T00:00:00Z'),
        ),
        status: fc.constantFrom(undefined, 'paid', 'pending', 'refunded', 'PAID'),
      })
      .map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)));
    const minor: Record<string, number> = { RUB: 2, JPY: 0, KWD: 3 };
    const validAmount = (amount: unknown, currency: string): string | null => {
      const text = typeof amount === 'number' ? String(amount) : amount;
      if (typeof text !== 'string' || !/^\d+(\.\d+)?$/.test(text) || !(currency in minor)) return null;
      const [int, frac = ''] = text.split('.');
      const digits = frac.replace(/0+$/, '');
      if (digits.length > minor[currency] || int.replace(/^0+(?=\d)/, '').length > 15) return null;
      const padded = digits.padEnd(minor[currency], '0');
      return `${int.replace(/^0+(?=\d)/, '')}${padded ? `.${padded}` : ''}`;
    };
    const isValidDate = (s: string) => /T/.test(s) && !Number.isNaN(Date.parse(s)) && s !== '2026-02-30T00:00:00Z';

    await fc.assert(
      fc.asyncProperty(fc.array(sale, { maxLength: 20 }), async (batch) => {
        const { apiKey } = await companyWithKey();
        await pushClients(
          apiKey.key,
          CLIENTS.map((externalId) => ({ externalId })),
        ).expect(200);
        const expected = new Map<string, { amount: string; currency: string; status: string }>();
        const failed: number[] = [];
        batch.forEach((s, index) => {
          const amount = validAmount(s['amount'], s['currency'] as string);
          const status = s['status'] as string | undefined;
          const ok =
            amount !== null &&
            CLIENTS.includes(s['clientExternalId'] as string) &&
            isValidDate(s['soldAt'] as string) &&
            (status === undefined || ['paid', 'pending', 'refunded'].includes(status)) &&
            !expected.has(s['externalId'] as string);
          if (!ok) return failed.push(index);
          expected.set(s['externalId'] as string, {
            amount,
            currency: s['currency'] as string,
            status: status ?? 'paid',
          });
          return undefined;
        });
        const res = await pushSales(apiKey.key, batch);
        expect(res.status).toBe(200);
        expect(res.body.failed.map((f: { index: number }) => f.index)).toEqual(failed);
        const stored = (
          await readFeed<{ externalId: string; amount: string; currency: string; status: string }>(apiKey.key, 'sales')
        ).items;
        expect(
          Object.fromEntries(
            stored.map((s) => [s.externalId, { amount: s.amount, currency: s.currency, status: s.status }]),
          ),
        ).toEqual(Object.fromEntries(expected));
        expect((await api().get('/api/v1/sales').set('X-API-Key', apiKey.key).query({ limit: 1 })).status).toBe(200);
      }),
      { numRuns: 25, interruptAfterTimeLimit: 120_000 },
    );
  }, 180_000);
});
