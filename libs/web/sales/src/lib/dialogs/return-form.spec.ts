import type { SaleDetailResponse, SaleResponse } from '@crm/shared/contracts';
import { returnBody, unreturned, withinLeft } from './return-form';

const line = (sku: string, quantity: number) => ({ sku, name: `Товар ${sku}`, quantity, unitPrice: '20.00' });
const ret = (amount: string, status: SaleResponse['status'], items = [line('A', 1)]) =>
  ({ id: `r-${amount}`, amount, status, items, kind: 'return', returnOf: 's-1' }) as unknown as SaleResponse;
const sale = (returns: SaleResponse[]) =>
  ({
    id: 's-1',
    clientId: 'c-1',
    amount: '100.00',
    currency: 'GBP',
    items: [line('A', 3), line('B', 2)],
    returns,
  }) as unknown as SaleDetailResponse;

describe('return form', () => {
  it('leaves what the counted returns have not given back', () => {
    const left = unreturned(sale([ret('20.00', 'paid'), ret('30.50', 'pending'), ret('40.00', 'cancelled')]));
    expect(left.amount).toBe('49.50');
    expect(left.returned).toBe('50.50');
    expect(left.lines.map((l) => l.left)).toEqual([1, 2]);
    expect(unreturned(sale([ret('100.00', 'paid', [line('A', 3), line('B', 2)])])).amount).toBe('0.00');
  });

  it('accepts an amount above zero and at most what is left', () => {
    expect(withinLeft('49.50', '49.50')).toBe(true);
    expect(withinLeft('49.51', '49.50')).toBe(false);
    expect(withinLeft('0', '49.50')).toBe(false);
    expect(withinLeft('0.5', '49.50')).toBe(true);
  });

  it('sends a return of the sale with the lines that come back', () => {
    const s = sale([]);
    const body = returnBody(
      s,
      { amount: '20.00', soldOn: '2026-03-10', status: 'paid', externalId: ' ', quantities: [1, 0] },
      unreturned(s).lines,
    );
    expect(body).toMatchObject({
      clientId: 'c-1',
      kind: 'return',
      returnOf: 's-1',
      amount: '20.00',
      currency: 'GBP',
      status: 'paid',
      externalId: null,
      items: [{ sku: 'A', name: 'Товар A', quantity: 1, unitPrice: '20.00' }],
    });
  });
});
