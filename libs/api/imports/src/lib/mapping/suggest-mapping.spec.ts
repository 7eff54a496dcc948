import { suggestMapping } from './suggest-mapping';

describe('suggestMapping', () => {
  it('recognises Russian client headers', () => {
    expect(suggestMapping('clients', ['Код клиента', 'ФИО', 'E-mail', 'Телефон', 'Вид деятельности', 'Город'])).toEqual(
      {
        externalId: 'Код клиента',
        name: 'ФИО',
        email: 'E-mail',
        phone: 'Телефон',
        activity: 'Вид деятельности',
      },
    );
  });

  it('recognises the exported field names and the UCI Online Retail columns for sales', () => {
    expect(
      suggestMapping('sales', ['externalId', 'soldAt', 'amount', 'currency', 'status', 'clientExternalId']),
    ).toEqual({
      externalId: 'externalId',
      soldAt: 'soldAt',
      amount: 'amount',
      currency: 'currency',
      status: 'status',
      clientExternalId: 'clientExternalId',
    });
    expect(
      suggestMapping('sales', [
        'InvoiceNo',
        'StockCode',
        'Description',
        'Quantity',
        'InvoiceDate',
        'UnitPrice',
        'CustomerID',
        'Country',
      ]),
    ).toEqual({
      externalId: 'InvoiceNo',
      clientExternalId: 'CustomerID',
      soldAt: 'InvoiceDate',
      sku: 'StockCode',
      itemName: 'Description',
      quantity: 'Quantity',
      unitPrice: 'UnitPrice',
    });
  });

  it('uses a column for one field only', () => {
    expect(suggestMapping('clients', ['Клиент'])).toEqual({ name: 'Клиент' });
  });
});
