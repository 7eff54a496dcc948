/** The columns of the client and sale exports: header, cell kind and value. */
import { formatMoney, minorUnits } from '@crm/shared/contracts';
import type { ClientExportRow, SaleExportRow } from './export-rows';

/** `money` cells are decimal text with the currency's digits; `time` cells are company wall time. */
export type CellKind = 'text' | 'money' | 'time' | 'integer';

export interface ExportColumn<R> {
  /** The field name, as the import recognises it. */
  header: string;
  kind: CellKind;
  width: number;
  value(row: R): string | number | null;
  /** Money: digits of the row's currency. */
  digits?(row: R): number;
}

export const CLIENT_EXPORT_COLUMNS: ExportColumn<ClientExportRow>[] = [
  { header: 'externalId', kind: 'text', width: 16, value: (r) => r.externalId },
  { header: 'name', kind: 'text', width: 30, value: (r) => r.name },
  { header: 'email', kind: 'text', width: 28, value: (r) => r.email },
  { header: 'phone', kind: 'text', width: 18, value: (r) => r.phone },
  { header: 'activity', kind: 'text', width: 24, value: (r) => r.activity },
  { header: 'lastInteractionAt', kind: 'time', width: 20, value: (r) => r.lastInteractionAt },
  { header: 'createdAt', kind: 'time', width: 20, value: (r) => r.createdAt },
  { header: 'attributes', kind: 'text', width: 30, value: (r) => (r.attributes ? JSON.stringify(r.attributes) : null) },
];

/** `85123A WHITE HANGING HEART × 6 @ 2.55; …` */
const itemsText = (row: SaleExportRow) =>
  row.items.map((i) => `${i.sku ? `${i.sku} ` : ''}${i.name} × ${i.quantity} @ ${i.unitPrice}`).join('; ');

export const SALE_EXPORT_COLUMNS: ExportColumn<SaleExportRow>[] = [
  { header: 'externalId', kind: 'text', width: 16, value: (r) => r.externalId },
  { header: 'soldAt', kind: 'time', width: 20, value: (r) => r.soldAt },
  {
    header: 'amount',
    kind: 'money',
    width: 14,
    value: (r) => formatMoney(r.amount, r.currency),
    digits: (r) => minorUnits(r.currency),
  },
  { header: 'currency', kind: 'text', width: 9, value: (r) => r.currency },
  { header: 'status', kind: 'text', width: 11, value: (r) => r.status },
  { header: 'clientExternalId', kind: 'text', width: 16, value: (r) => r.clientExternalId },
  { header: 'clientName', kind: 'text', width: 30, value: (r) => r.clientName },
  { header: 'clientEmail', kind: 'text', width: 28, value: (r) => r.clientEmail },
  { header: 'itemsCount', kind: 'integer', width: 10, value: (r) => r.items.length },
  { header: 'items', kind: 'text', width: 60, value: itemsText },
];
