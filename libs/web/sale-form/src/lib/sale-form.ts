import type { SaleItemDto, SaleItemResponse, SaleResponse, SaleStatus, UpdateSaleDto } from '@crm/shared/contracts';

/** One goods line as typed: every field is text (`1,5` and `70,90` in Russian). */
export interface SaleLineValue {
  name: string;
  sku: string;
  quantity: string;
  unitPrice: string;
}

export interface SaleFormValue {
  amount: string;
  currency: string;
  /** `YYYY-MM-DD` from a date input. */
  soldOn: string;
  status: SaleStatus;
  externalId: string;
  /** The goods; undefined leaves them as they are. */
  items?: SaleLineValue[];
}

/**
 * `1 234,50` or `1234.5` → `"1234.50"`-style decimal string (either separator, spaces ignored);
 * null unless it has at most `decimals` fractional digits and is positive (or zero with `zero`).
 */
export function normaliseDecimal(input: string, decimals: number, zero = false): string | null {
  const compact = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`).test(compact)) return null;
  return Number(compact) > 0 || (zero && Number(compact) === 0) ? compact : null;
}

/** A positive amount with ≤ 2 decimals, or null. */
export const normaliseAmount = (input: string): string | null => normaliseDecimal(input, 2);
/** A positive quantity with ≤ 3 decimals, or null. */
export const normaliseQuantity = (input: string): string | null => normaliseDecimal(input, 3);
/** A unit price (zero allowed, for a gift) with ≤ 2 decimals, or null. */
export const normaliseUnitPrice = (input: string): string | null => normaliseDecimal(input, 2, true);

/** The lines as the API takes them; null when a line is not valid. */
export function saleItems(lines: readonly SaleLineValue[]): SaleItemDto[] | null {
  const items: SaleItemDto[] = [];
  for (const line of lines) {
    const quantity = normaliseQuantity(line.quantity);
    const unitPrice = normaliseUnitPrice(line.unitPrice);
    const name = line.name.trim();
    if (!name || quantity === null || unitPrice === null) return null;
    items.push({ name, sku: line.sku.trim() || null, quantity: Number(quantity), unitPrice });
  }
  return items;
}

/** Σ quantity × unit price rounded to kopecks/cents, as a decimal string; null if a line is not valid. */
export function itemsTotal(lines: readonly SaleLineValue[]): string | null {
  const items = saleItems(lines);
  if (!items) return null;
  // Exact: quantity in thousandths × price in hundredths = 1e-5 units.
  const scaled = (text: string, digits: number) => {
    const [whole, fraction = ''] = text.split('.');
    return BigInt(whole + fraction.padEnd(digits, '0'));
  };
  const total = items.reduce((sum, item) => sum + scaled(String(item.quantity), 3) * scaled(item.unitPrice, 2), 0n);
  const cents = (total + 500n) / 1000n;
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

/** Lines for the form from the sale's items. */
export function linesOf(
  items: readonly SaleItemResponse[],
  decimal: (value: string | number) => string,
): SaleLineValue[] {
  return items.map((item) => ({
    name: item.name,
    sku: item.sku ?? '',
    quantity: decimal(item.quantity),
    unitPrice: decimal(item.unitPrice),
  }));
}

function sameItems(before: readonly SaleItemResponse[], after: readonly SaleItemDto[]): boolean {
  return (
    before.length === after.length &&
    before.every(
      (item, i) =>
        item.name === after[i].name &&
        (item.sku ?? null) === (after[i].sku ?? null) &&
        Number(item.quantity) === Number(after[i].quantity) &&
        Number(item.unitPrice) === Number(after[i].unitPrice),
    )
  );
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
  const items = value.items ? saleItems(value.items) : null;
  if (items && !sameItems(sale.items, items)) body.items = items;
  return body;
}
