import type { RetailInvoice, RetailLine } from './online-retail';
import { toClient, toSale } from './online-retail-mapping';

const line = (overrides: Partial<RetailLine>): RetailLine => ({
  invoiceNo: '536365',
  stockCode: '85123A',
  description: 'WHITE HANGING HEART T-LIGHT HOLDER',
  quantity: 6,
  invoiceDate: '2010-12-01 08:26:00',
  unitPrice: '2.55',
  customerId: '17850',
  country: 'United Kingdom',
  ...overrides,
});

const invoice = (lines: RetailLine[]): RetailInvoice => ({
  invoiceNo: lines[0].invoiceNo,
  customerId: lines[0].customerId,
  country: lines[0].country,
  lines,
});

describe('Online Retail → CRM mapping', () => {
  it('maps a customer to a client without inventing personal data', () => {
    expect(toClient('17850', 'United Kingdom')).toEqual({
      externalId: '17850',
      name: 'Customer 17850',
      attributes: { country: 'United Kingdom' },
    });
  });

  it('maps an invoice to a paid GBP sale with its exact amount and items', () => {
    const sale = toSale(
      invoice([
        line({}),
        line({ stockCode: '71053', description: 'WHITE METAL LANTERN ', unitPrice: '3.39' }),
        line({ stockCode: 'POST', description: 'POSTAGE', quantity: 3, unitPrice: '18' }),
      ]),
    );
    expect(sale).toEqual({
      externalId: '536365',
      clientExternalId: '17850',
      amount: '89.64', // 15.30 + 20.34 + 54.00
      currency: 'GBP',
      soldAt: '2010-12-01T08:26:00+00:00',
      status: 'paid',
      items: [
        { sku: '85123A', name: 'WHITE HANGING HEART T-LIGHT HOLDER', quantity: 6, unitPrice: '2.55' },
        { sku: '71053', name: 'WHITE METAL LANTERN', quantity: 6, unitPrice: '3.39' },
        { sku: 'POST', name: 'POSTAGE', quantity: 3, unitPrice: '18.00' },
      ],
    });
  });

  it('keeps a cancellation as a refunded sale of the returned goods', () => {
    const sale = toSale(
      invoice([
        line({ invoiceNo: 'C536379', stockCode: 'D', description: 'Discount', quantity: -1, unitPrice: '27.5' }),
      ]),
    );
    expect(sale).toMatchObject({
      externalId: 'C536379',
      status: 'refunded',
      amount: '27.50',
      items: [{ sku: 'D', name: 'Discount', quantity: 1, unitPrice: '27.50' }],
    });
  });

  it('rounds the amount half-up to pence once, after summing', () => {
    const sale = toSale(
      invoice([line({ quantity: 1, unitPrice: '0.001' }), line({ quantity: 4, unitPrice: '0.001' })]),
    );
    expect(sale.amount).toBe('0.01');
    // The API keeps unit prices to 4 digits: sub-penny prices stay as they are.
    expect(sale.items?.map((i) => i.unitPrice)).toEqual(['0.001', '0.001']);
  });

  it('dates the sale by its earliest line in London time with the summer offset', () => {
    const sale = toSale(
      invoice([line({ invoiceDate: '2011-06-01 10:16:00' }), line({ invoiceDate: '2011-06-01 10:15:00' })]),
    );
    expect(sale.soldAt).toBe('2011-06-01T10:15:00+01:00');
  });

  it('names an item without description by its stock code', () => {
    const sale = toSale(invoice([line({ description: '  ' })]));
    expect(sale.items?.[0].name).toBe('85123A');
  });
});
