import type { SaleResponse, SaleStatus, UpdateSaleDto } from '@crm/shared/contracts';

export interface SaleFormValue {
  amount: string;
  currency: string;
  /** `YYYY-MM-DD` from a date input. */
  soldOn: string;
  status: SaleStatus;
  externalId: string;
}

/** `1 234,50` or `1234.5` → `"1234.50"`-style decimal string; null when it is not a positive amount with ≤ 2 decimals. */
export function normaliseAmount(input: string): string | null {
  const compact = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(compact)) return null;
  return Number(compact) > 0 ? compact : null;
}

/** A picked day keeps the sale's time of day when editing, else noon local time (never the day before in UTC). */
export function soldAtFrom(day: string, previous?: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const base = previous ? new Date(previous) : null;
  const date = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, base?.getHours() ?? 12, base?.getMinutes() ?? 0);
  return date.toISOString();
}

export function dayOf(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Only what changed, so an edit never rewrites fields the user did not touch (items included). */
export function saleChanges(sale: SaleResponse, value: SaleFormValue): UpdateSaleDto {
  const body: UpdateSaleDto = {};
  const amount = normaliseAmount(value.amount);
  if (amount !== null && Number(amount) !== Number(sale.amount)) body.amount = amount;
  if (value.currency !== sale.currency) body.currency = value.currency;
  if (value.soldOn !== dayOf(sale.soldAt)) body.soldAt = soldAtFrom(value.soldOn, sale.soldAt);
  if (value.status !== sale.status) body.status = value.status;
  const externalId = value.externalId.trim() || null;
  if (externalId !== sale.externalId) body.externalId = externalId;
  return body;
}
