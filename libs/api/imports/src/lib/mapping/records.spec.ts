import type { CsvRow } from '../csv/csv-source';
import { resolveMapping } from './mapping-rules';
import { RecordBuilder, type SourceRecord } from './records';

const row = (line: number, ...fields: string[]): CsvRow => ({ line, fields });

function build(builder: RecordBuilder, rows: CsvRow[]): SourceRecord[] {
  return [...rows.flatMap((r) => builder.push(r)), ...builder.finish()];
}

describe('RecordBuilder for clients', () => {
  const header = ['Код', 'ФИО', 'E-mail', 'Город'];
  const mapping = resolveMapping('clients', header, {
    externalId: 'Код',
    name: 'ФИО',
    email: 'E-mail',
    attributes: ['Город'],
  });

  it('makes a client per row, leaving empty cells out (kept as stored on upsert)', () => {
    const [first, second] = build(new RecordBuilder(mapping, header.length, 'UTC'), [
      row(2, ' 1 ', 'Иванов Иван', 'ivan@example.ru', 'Москва'),
      row(3, '2', 'Петрова Анна', '', ''),
    ]);
    expect(first.record).toEqual({
      externalId: '1',
      name: 'Иванов Иван',
      email: 'ivan@example.ru',
      attributes: { Город: 'Москва' },
    });
    expect(second.record).toEqual({ externalId: '2', name: 'Петрова Анна' });
    expect(second.lines).toEqual([3]);
  });

  it('flags a row with more values than the header', () => {
    const [record] = build(new RecordBuilder(mapping, header.length, 'UTC'), [row(7, '1', 'A', '', '', 'extra')]);
    expect(record.errors).toEqual(['line 7 has 5 values, the header has 4']);
  });
});

describe('RecordBuilder for sales', () => {
  it('makes a sale per row with Russian numbers and dates', () => {
    const header = ['Номер', 'Клиент', 'Дата', 'Сумма', 'Статус'];
    const mapping = resolveMapping(
      'sales',
      header,
      { externalId: 'Номер', clientExternalId: 'Клиент', soldAt: 'Дата', amount: 'Сумма', status: 'Статус' },
      'RUB',
    );
    const [sale] = build(new RecordBuilder(mapping, header.length, 'Europe/Moscow'), [
      row(2, 'S-1', 'C-1', '20.11.2026 10:15', '1 234,50', 'Оплачено'),
    ]);
    expect(sale.record).toEqual({
      externalId: 'S-1',
      clientExternalId: 'C-1',
      currency: 'RUB',
      soldAt: '2026-11-20T10:15:00+03:00',
      amount: '1234.50',
      status: 'paid',
    });
  });

  it('joins consecutive item lines of one sale and computes its amount', () => {
    const header = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'];
    const mapping = resolveMapping(
      'sales',
      header,
      {
        externalId: 'InvoiceNo',
        sku: 'StockCode',
        itemName: 'Description',
        quantity: 'Quantity',
        soldAt: 'InvoiceDate',
        unitPrice: 'UnitPrice',
        clientExternalId: 'CustomerID',
      },
      'GBP',
    );
    const sales = build(new RecordBuilder(mapping, header.length, 'Europe/London'), [
      row(2, '536365', '85123A', 'WHITE HANGING HEART', '6', '2010-12-01 08:26:00', '2.55', '17850'),
      row(3, '536365', '71053', 'WHITE METAL LANTERN', '6', '2010-12-01 08:26:00', '3.39', '17850'),
      row(4, '536366', '22633', 'HAND WARMER', '6', '2010-12-01 08:28:00', '1.85', '17850'),
    ]);
    expect(sales.map((s) => s.lines)).toEqual([[2, 3], [4]]);
    expect(sales[0].record).toMatchObject({
      externalId: '536365',
      amount: '35.64',
      currency: 'GBP',
      soldAt: '2010-12-01T08:26:00+00:00',
      items: [
        { sku: '85123A', name: 'WHITE HANGING HEART', quantity: '6', unitPrice: '2.55' },
        { sku: '71053', name: 'WHITE METAL LANTERN', quantity: '6', unitPrice: '3.39' },
      ],
    });
  });
});
