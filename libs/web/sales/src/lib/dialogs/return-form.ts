import type { CreateSaleDto, SaleDetailResponse, SaleItemResponse, SaleStatus } from '@crm/shared/contracts';
import { soldAtFrom } from '@crm/web/sale-form';

/** What a sale still has to give back: its amount and, per line, the quantity (returns of it subtracted). */
export interface Unreturned {
  /** Decimal text with the sale's digits; may be `0.00`. */
  amount: string;
  /** What the counted returns gave back, same digits. */
  returned: string;
  lines: { item: SaleItemResponse; left: number }[];
}

const key = (item: Pick<SaleItemResponse, 'sku' | 'name'>) => (item.sku ? `sku:${item.sku}` : `name:${item.name}`);
const digitsOf = (decimal: string) => (decimal.split('.')[1] ?? '').length;
const units = (decimal: string, digits: number) => {
  const [whole = '0', fraction = ''] = decimal.replace('-', '').split('.');
  const value = BigInt(whole + fraction.padEnd(digits, '0').slice(0, digits));
  return decimal.startsWith('-') ? -value : value;
};
const text = (value: bigint, digits: number) => {
  const raw = (value < 0n ? -value : value).toString().padStart(digits + 1, '0');
  const out = digits ? `${raw.slice(0, -digits)}.${raw.slice(-digits)}` : raw;
  return value < 0n ? `-${out}` : out;
};
/** Quantities in thousandths, exactly (they have at most 3 decimals). */
const milli = (quantity: number) => Math.round(quantity * 1000);

/** The sale's amount and lines minus what its (not cancelled) returns gave back; never below zero. */
export function unreturned(sale: SaleDetailResponse): Unreturned {
  const counted = sale.returns.filter((r) => r.status !== 'cancelled');
  const digits = digitsOf(sale.amount);
  const given = counted.reduce((sum, r) => sum + units(r.amount, digits), 0n);
  const left = units(sale.amount, digits) - given;
  const back = new Map<string, number>();
  for (const r of counted)
    for (const item of r.items) back.set(key(item), (back.get(key(item)) ?? 0) + milli(item.quantity));
  const lines = sale.items.map((item) => {
    const k = key(item);
    const taken = Math.min(back.get(k) ?? 0, milli(item.quantity));
    back.set(k, (back.get(k) ?? 0) - taken);
    return { item, left: (milli(item.quantity) - taken) / 1000 };
  });
  return { amount: text(left > 0n ? left : 0n, digits), returned: text(given, digits), lines };
}

/** True when `amount` (normalised decimal text) is above zero and at most `left`. */
export function withinLeft(amount: string, left: string): boolean {
  const digits = Math.max(digitsOf(amount), digitsOf(left));
  const value = units(amount, digits);
  return value > 0n && value <= units(left, digits);
}

export interface ReturnFormValue {
  amount: string;
  soldOn: string;
  status: SaleStatus;
  externalId: string;
  /** Per line of the sale, how many come back. */
  quantities: number[];
}

/** The body that registers the return of `sale` (lines with a quantity above zero only). */
export function returnBody(
  sale: SaleDetailResponse,
  value: ReturnFormValue,
  lines: Unreturned['lines'],
): CreateSaleDto {
  return {
    clientId: sale.clientId,
    kind: 'return',
    returnOf: sale.id,
    amount: value.amount,
    currency: sale.currency,
    soldAt: soldAtFrom(value.soldOn),
    status: value.status,
    externalId: value.externalId.trim() || null,
    items: lines.flatMap(({ item }, i) =>
      value.quantities[i] > 0
        ? [{ sku: item.sku, name: item.name, quantity: value.quantities[i], unitPrice: item.unitPrice }]
        : [],
    ),
  };
}
