/** A first column mapping from the header names (Russian or English, as people name columns). */
import type { ImportColumnField, ImportKind, ImportMappingDto } from '@crm/shared/contracts';

/** Header names compared without case, spaces, punctuation, and with ё = е. */
export const headerKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]/gu, '');

type Synonyms = Partial<Record<ImportColumnField, string[]>>;

const CLIENT_SYNONYMS: Synonyms = {
  externalId: [
    'externalid',
    'id',
    'clientid',
    'customerid',
    'clientexternalid',
    'код',
    'кодклиента',
    'idклиента',
    'внешнийid',
    'идентификатор',
  ],
  name: [
    'name',
    'fullname',
    'clientname',
    'customername',
    'client',
    'customer',
    'имя',
    'фио',
    'клиент',
    'наименование',
    'название',
    'контрагент',
  ],
  email: ['email', 'mail', 'электроннаяпочта', 'почта', 'емейл'],
  phone: ['phone', 'telephone', 'mobile', 'phonenumber', 'телефон', 'тел', 'мобильный', 'номертелефона'],
  activity: ['activity', 'industry', 'business', 'деятельность', 'виддеятельности', 'сфера', 'отрасль'],
};

const SALE_SYNONYMS: Synonyms = {
  externalId: [
    'externalid',
    'id',
    'saleid',
    'orderid',
    'invoice',
    'invoiceno',
    'invoicenumber',
    'order',
    'номер',
    'номерзаказа',
    'номерсчета',
    'заказ',
    'счет',
    'код',
    'кодпродажи',
  ],
  clientExternalId: [
    'clientexternalid',
    'clientid',
    'customerid',
    'client',
    'customer',
    'клиент',
    'кодклиента',
    'idклиента',
    'покупатель',
    'кодпокупателя',
  ],
  amount: ['amount', 'total', 'sum', 'сумма', 'итого', 'стоимость'],
  currency: ['currency', 'валюта'],
  soldAt: [
    'soldat',
    'date',
    'saledate',
    'orderdate',
    'invoicedate',
    'datetime',
    'дата',
    'датапродажи',
    'датазаказа',
    'время',
    'датаивремя',
  ],
  status: ['status', 'state', 'статус', 'состояние'],
  sku: ['sku', 'stockcode', 'productcode', 'itemcode', 'артикул', 'кодтовара'],
  itemName: [
    'itemname',
    'product',
    'productname',
    'description',
    'item',
    'товар',
    'наименованиетовара',
    'продукт',
    'номенклатура',
  ],
  quantity: ['quantity', 'qty', 'количество', 'колво', 'кол'],
  unitPrice: ['unitprice', 'price', 'цена', 'ценазаединицу'],
};

/** For each field, the first column whose header is one of its names; clients get no attributes. */
export function suggestMapping(kind: ImportKind, columns: readonly string[]): ImportMappingDto {
  const synonyms = kind === 'clients' ? CLIENT_SYNONYMS : SALE_SYNONYMS;
  const keys = columns.map(headerKey);
  const used = new Set<number>();
  const mapping: ImportMappingDto = {};
  for (const [field, names] of Object.entries(synonyms) as [ImportColumnField, string[]][]) {
    const index = keys.findIndex((key, i) => !used.has(i) && names.includes(key));
    if (index >= 0) {
      used.add(index);
      mapping[field] = columns[index];
    }
  }
  return mapping;
}
