import 'reflect-metadata';
import { ClientBatchItemDto, SaleBatchItemDto } from '@crm/shared/contracts';
import { dropRepeats, validateBatchItems, validateBatchItemsYielding } from './batch-items';

const sale = (over: Record<string, unknown> = {}) => ({
  externalId: 'S-1',
  clientExternalId: 'C-1',
  amount: '1234.50',
  currency: 'RUB',
  soldAt: '2026-11-20T10:15:00+03:00',
  ...over,
});

describe('validateBatchItems', () => {
  it('keeps valid items with their index and the fields they sent', () => {
    const { valid, failed } = validateBatchItems(ClientBatchItemDto, [
      { externalId: 'C-1', email: null },
      { externalId: 'C-2' },
    ]);
    expect(failed).toEqual([]);
    expect(valid.map((v) => [v.index, v.item.externalId, 'email' in v.raw])).toEqual([
      [0, 'C-1', true],
      [1, 'C-2', false],
    ]);
  });

  it('keeps free-form attributes exactly as sent, whatever their keys', () => {
    // class-transformer drops keys named like Object.prototype members when it rebuilds objects.
    const attributes = JSON.parse(
      '{"prototype": false, "constructor": 1, "toString": "x", "__proto__": {"a": 1}, "nested": {"valueOf": [1]}}',
    ) as Record<string, unknown>;
    const { valid, failed } = validateBatchItems(ClientBatchItemDto, [{ externalId: 'C-1', attributes }]);
    expect(failed).toEqual([]);
    expect(JSON.stringify(valid[0]?.item.attributes)).toBe(JSON.stringify(attributes));
  });

  it('gives the same answer when it yields to the event loop between slices', async () => {
    const items = Array.from({ length: 1_001 }, (_, i) =>
      i % 7 === 0
        ? sale({ externalId: `S-${i}`, amount: 'x' })
        : i % 11 === 0
          ? 'junk'
          : sale({ externalId: `S-${i}` }),
    );
    let ticks = 0;
    const counting = setInterval(() => ticks++, 0);
    const yielding = await validateBatchItemsYielding(SaleBatchItemDto, items);
    clearInterval(counting);
    expect(yielding).toEqual(validateBatchItems(SaleBatchItemDto, items));
    expect(yielding.failed.length).toBeGreaterThan(100);
    expect(ticks).toBeGreaterThan(0);
  });

  it('fails each invalid item alone, with its index, externalId and reasons', () => {
    const { valid, failed } = validateBatchItems(ClientBatchItemDto, [
      { externalId: 'C-1' },
      'not an object',
      { externalId: '', email: 'x' },
      { externalId: 'C-4', unknown: 1 },
      { externalId: 'C-5', attributes: [1, 2] },
      { externalId: 'x'.repeat(129) },
    ]);
    expect(valid.map((v) => v.index)).toEqual([0]);
    expect(failed).toEqual([
      { index: 1, externalId: null, errors: ['item must be a JSON object'] },
      {
        index: 2,
        externalId: null,
        errors: expect.arrayContaining([expect.stringMatching(/^externalId/), expect.stringMatching(/^email/)]),
      },
      { index: 3, externalId: 'C-4', errors: ['property unknown should not exist'] },
      { index: 4, externalId: 'C-5', errors: ['attributes must be a JSON object'] },
      { index: 5, externalId: null, errors: [expect.stringMatching(/^externalId must be shorter/)] },
    ]);
  });

  it('keeps the first of repeated externalIds and fails the later ones', () => {
    const { kept, failed } = dropRepeats([
      { index: 0, externalId: 'A' },
      { index: 1, externalId: 'B' },
      { index: 3, externalId: 'A' },
    ]);
    expect(kept.map((v) => v.index)).toEqual([0, 1]);
    expect(failed).toEqual([{ index: 3, externalId: 'A', errors: [expect.stringContaining('repeats item 0')] }]);
  });

  it('refuses text PostgreSQL cannot store as sent', () => {
    const { failed } = validateBatchItems(ClientBatchItemDto, [
      { externalId: 'A', name: 'a\u0000b' },
      { externalId: 'B', attributes: { '\ud800': 1 } },
    ]);
    expect(failed.map((f) => f.errors[0])).toEqual([
      expect.stringMatching(/^name must not contain NUL/),
      expect.stringMatching(/^attributes\./),
    ]);
  });

  it('checks money against the currency and names nested fields', () => {
    const { valid, failed } = validateBatchItems(SaleBatchItemDto, [
      sale(),
      sale({ externalId: 'S-2', amount: '1.005' }),
      sale({ externalId: 'S-3', currency: 'JPY', amount: 100.5 }),
      sale({
        externalId: 'S-4',
        currency: 'KWD',
        amount: '1.125',
        items: [{ name: 'x', quantity: 1, unitPrice: '1.12555' }],
      }),
      sale({ externalId: 'S-5', items: [{ name: '', quantity: 0, unitPrice: '-1' }] }),
      sale({ externalId: 'S-6', soldAt: '2026-11-20 10:15' }),
    ]);
    expect(valid.map((v) => v.index)).toEqual([0]);
    expect(failed.map((f) => [f.index, f.errors])).toEqual([
      [1, ['amount must have at most 2 fractional digits for RUB']],
      [2, ['amount must have at most 0 fractional digits for JPY']],
      [3, expect.arrayContaining([expect.stringMatching(/items\.0\.unitPrice.*4/)])],
      [
        4,
        expect.arrayContaining([
          expect.stringMatching(/^items\.0\.name: /),
          'items.0.quantity: quantity must be greater than zero',
          'items.0.unitPrice: unitPrice must not be negative',
        ]),
      ],
      [5, [expect.stringMatching(/^soldAt must be an ISO 8601 timestamp/)]],
    ]);
  });
});
