/**
 * Returns (`kind: 'return'`, `returnOf` = the original sale): what a return may give back. A
 * return's amount, quantities and unit prices are positive and at most what the original still has
 * unreturned — its amount minus the amounts of its other returns, and per product (SKU, else name)
 * its quantity minus the quantities already returned, at no more than the original's unit price.
 * Cancelled returns give nothing back and are not counted. An original cannot move to another
 * client or currency while it has returns, nor fall below what they gave back.
 *
 * Amounts are compared in 10⁻⁴ units and quantities in 10⁻³ units, exactly.
 */
import { type CompanyScope, queryRows } from '@crm/api/core';
import { decimalToUnits, minorUnits, type SaleKind, type SaleStatus, unitsToDecimal } from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';
import type { NormalItem } from './sale-items';

const MONEY = 4;
const QUANTITY = 3;

/** A stored sale as the checks read it. */
export interface StoredSale {
  id: string;
  externalId: string | null;
  clientId: string;
  currency: string;
  amount: string;
  status: SaleStatus;
  kind: SaleKind;
  returnOf: string | null;
  items: NormalItem[];
}

/** A sale or return as it is about to be written. */
export interface SaleDraft {
  clientId: string;
  currency: string;
  amount: string;
  kind: SaleKind;
  status: SaleStatus;
  /** The items it will have. */
  items: readonly NormalItem[];
}

const productKey = (item: Pick<NormalItem, 'sku' | 'name'>): string =>
  item.sku !== null && item.sku !== '' ? `sku:${item.sku}` : `name:${item.name}`;
const productLabel = (item: Pick<NormalItem, 'sku' | 'name'>): string =>
  item.sku !== null && item.sku !== '' ? item.sku : item.name;

/** What an original sale still has to give back, updated as returns are accepted. */
export class Unreturned {
  private amount: bigint;
  private readonly quantities = new Map<string, bigint>();
  private readonly prices = new Map<string, bigint>();

  constructor(readonly original: StoredSale) {
    this.amount = decimalToUnits(original.amount, MONEY);
    for (const item of original.items) {
      const key = productKey(item);
      this.quantities.set(key, (this.quantities.get(key) ?? 0n) + decimalToUnits(item.quantity, QUANTITY));
      const price = decimalToUnits(item.unitPrice, MONEY);
      if (price > (this.prices.get(key) ?? -1n)) this.prices.set(key, price);
    }
  }

  /** What is left: negative where returns gave back more than the original has. */
  remaining(): { amount: bigint; quantities: Map<string, bigint> } {
    return { amount: this.amount, quantities: new Map(this.quantities) };
  }

  /** Takes away what a counted return gave back (no checks: it is stored already). */
  subtract(ret: { amount: string; status: SaleStatus; items: readonly NormalItem[] }): void {
    if (ret.status === 'cancelled') return;
    this.amount -= decimalToUnits(ret.amount, MONEY);
    for (const item of ret.items) {
      const key = productKey(item);
      this.quantities.set(key, (this.quantities.get(key) ?? 0n) - decimalToUnits(item.quantity, QUANTITY));
    }
  }

  /** The reasons `ret` cannot be a return of the original (none: it is taken away). */
  take(ret: SaleDraft): string[] {
    const o = this.original;
    const errors: string[] = [];
    if (o.kind === 'return') errors.push('returnOf must name a sale, not a return');
    else if (o.status === 'cancelled' || o.status === 'refunded') {
      errors.push(`returnOf names a ${o.status} sale: it has nothing to return`);
    }
    if (ret.clientId !== o.clientId) errors.push('a return must have the same client as its sale');
    if (ret.currency !== o.currency) errors.push(`a return must have the same currency as its sale (${o.currency})`);
    if (errors.length) return errors;
    const scale = minorUnits(o.currency);
    const amount = decimalToUnits(ret.amount, MONEY);
    if (amount <= 0n) errors.push('amount of a return must be positive');
    const counts = ret.status !== 'cancelled';
    if (counts && amount > this.amount) {
      errors.push(`amount ${money(amount, scale)} is more than the sale has unreturned (${money(this.amount, scale)})`);
    }
    const asked = new Map<string, bigint>();
    ret.items.forEach((item, i) => {
      const key = productKey(item);
      const price = this.prices.get(key);
      if (price === undefined) {
        errors.push(`items.${i}: ${productLabel(item)} is not an item of the sale`);
        return;
      }
      if (decimalToUnits(item.unitPrice, MONEY) > price) {
        const text = unitsToDecimal(price, MONEY).replace(new RegExp(`(\\.\\d{${scale}}\\d*?)0+$`), '$1');
        errors.push(`items.${i}.unitPrice is more than the sale's price (${text.replace(/\.$/, '')})`);
      }
      asked.set(key, (asked.get(key) ?? 0n) + decimalToUnits(item.quantity, QUANTITY));
    });
    if (counts) {
      for (const [key, quantity] of asked) {
        const left = this.quantities.get(key) ?? 0n;
        if (quantity > left) {
          errors.push(
            `items: ${key.slice(key.indexOf(':') + 1)} quantity ${quantityText(quantity)} is more than the sale has unreturned (${quantityText(left > 0n ? left : 0n)})`,
          );
        }
      }
    }
    if (errors.length === 0) this.subtract({ ...ret, items: ret.items });
    return errors;
  }
}

/**
 * The reasons an original with these (counted, stored) returns cannot become `next`: another
 * client, currency or kind, or less than they gave back.
 */
export function originalErrors(next: SaleDraft, original: StoredSale, returns: readonly StoredSale[]): string[] {
  const counted = returns.filter((r) => r.status !== 'cancelled');
  if (returns.length === 0) return [];
  const errors: string[] = [];
  if (next.kind === 'return') errors.push('a sale with returns cannot become a return');
  if (next.clientId !== original.clientId) errors.push('a sale with returns keeps its client');
  if (next.currency !== original.currency) errors.push('a sale with returns keeps its currency');
  if (errors.length) return errors;
  const left = new Unreturned({ ...original, amount: next.amount, items: [...next.items] });
  for (const r of counted) left.subtract(r);
  const probe = left.remaining();
  if (probe.amount < 0n) {
    const given = decimalToUnits(next.amount, MONEY) - probe.amount;
    errors.push(`amount must be at least what its returns gave back (${money(given, minorUnits(next.currency))})`);
  }
  for (const [key, quantity] of probe.quantities) {
    if (quantity < 0n)
      errors.push(`items: ${key.slice(key.indexOf(':') + 1)} would have less than its returns gave back`);
  }
  return errors;
}

const money = (units: bigint, scale: number) => unitsToDecimal(units / 10n ** BigInt(MONEY - scale), scale);
const quantityText = (units: bigint) => unitsToDecimal(units, QUANTITY).replace(/\.?0+$/, '');

const STORED_SALE = `s.id, s.external_id AS "externalId", s.client_id AS "clientId", trim(s.currency) AS currency,
  s.amount::text AS amount, s.status, s.kind, s.return_of AS "returnOf",
  coalesce((SELECT jsonb_agg(jsonb_build_object('sku', si.sku, 'name', si.name, 'quantity', trim_scale(si.quantity)::text,
    'unitPrice', trim_scale(si.unit_price)::text) ORDER BY si.position) FROM sale_items si
    WHERE si.company_id = s.company_id AND si.sale_id = s.id), '[]'::jsonb) AS items`;

/**
 * Stored sales by id or externalId, locked (`FOR UPDATE`, in id order) so that concurrent returns
 * of one sale are checked one after the other.
 */
export async function loadSales(
  m: EntityManager,
  scope: CompanyScope,
  by: 'id' | 'externalId',
  keys: readonly string[],
): Promise<StoredSale[]> {
  if (keys.length === 0) return [];
  const column = by === 'id' ? 's.id' : 's.external_id';
  const cast = by === 'id' ? 'uuid' : 'text';
  const valid = by === 'id' ? keys.filter((k) => /^[0-9a-f-]{36}$/i.test(k)) : keys;
  if (valid.length === 0) return [];
  const ids = await queryRows<{ id: string }>(
    m,
    `SELECT s.id FROM sales s WHERE s.company_id = $1 AND ${column} = ANY($2::${cast}[]) ORDER BY s.id FOR UPDATE`,
    [scope.companyId, [...new Set(valid)]],
  );
  return loadByIds(
    m,
    scope,
    ids.map((r) => r.id),
  );
}

/** The stored returns of these originals, oldest first. */
export async function loadReturnsOf(
  m: EntityManager,
  scope: CompanyScope,
  originalIds: readonly string[],
): Promise<Map<string, StoredSale[]>> {
  const byOriginal = new Map<string, StoredSale[]>(originalIds.map((id) => [id, []]));
  if (originalIds.length === 0) return byOriginal;
  const rows = await queryRows<StoredSale>(
    m,
    `SELECT ${STORED_SALE} FROM sales s WHERE s.company_id = $1 AND s.return_of = ANY($2::uuid[]) ORDER BY s.sold_at, s.id`,
    [scope.companyId, [...new Set(originalIds)]],
  );
  for (const row of rows) byOriginal.get(row.returnOf as string)?.push(row);
  return byOriginal;
}

async function loadByIds(m: EntityManager, scope: CompanyScope, ids: readonly string[]): Promise<StoredSale[]> {
  if (ids.length === 0) return [];
  return queryRows<StoredSale>(
    m,
    `SELECT ${STORED_SALE} FROM sales s WHERE s.company_id = $1 AND s.id = ANY($2::uuid[])`,
    [scope.companyId, ids],
  );
}
