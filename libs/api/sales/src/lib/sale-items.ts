import { type CompanyScope, queryRows } from '@crm/api/core';
import {
  decimalToUnits,
  formatMoney,
  minorUnits,
  roundDecimal,
  type SaleItemDto,
  toDecimalString,
  unitsToDecimal,
} from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';

/** A validated sale item with its decimals in canonical text (as `trim_scale(x)::text` prints them). */
export interface NormalItem {
  sku: string | null;
  name: string;
  quantity: string;
  unitPrice: string;
}

export function normalizeItems(items: readonly SaleItemDto[]): NormalItem[] {
  return items.map((item) => ({
    sku: item.sku ?? null,
    name: item.name,
    quantity: toDecimalString(item.quantity) as string,
    unitPrice: toDecimalString(item.unitPrice) as string,
  }));
}

/** The form the database compares items in: `[[sku, name, quantity, unitPrice], ...]`. */
export const comparableItems = (items: readonly NormalItem[]) =>
  items.map((i) => [i.sku, i.name, i.quantity, i.unitPrice]);

/** SQL for a sale's stored items in {@link comparableItems} form; `s` is the sale (with `company_id` and `id`). */
export const STORED_ITEMS = `(SELECT coalesce(jsonb_agg(jsonb_build_array(si.sku, si.name, trim_scale(si.quantity)::text,
    trim_scale(si.unit_price)::text) ORDER BY si.position), '[]'::jsonb)
    FROM sale_items si WHERE si.company_id = s.company_id AND si.sale_id = s.id)`;

/**
 * Replaces the items of these sales: one DELETE (of the sales that may have items stored: not those
 * `created` in this transaction) and one multi-row INSERT, whatever their number.
 */
export async function replaceItems(
  m: EntityManager,
  scope: CompanyScope,
  sales: readonly { saleId: string; items: readonly NormalItem[]; created?: boolean }[],
): Promise<void> {
  if (sales.length === 0) return;
  const stored = sales.filter((s) => !s.created).map((s) => s.saleId);
  if (stored.length > 0) {
    await m.query(`DELETE FROM sale_items WHERE company_id = $1 AND sale_id = ANY($2::uuid[])`, [
      scope.companyId,
      stored,
    ]);
  }
  const rows = sales.flatMap((s) => s.items.map((item, position) => ({ saleId: s.saleId, position, ...item })));
  if (rows.length === 0) return;
  await queryRows(
    m,
    `INSERT INTO sale_items (company_id, sale_id, position, sku, name, quantity, unit_price)
     SELECT $1::uuid, * FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::numeric[], $7::numeric[])`,
    [
      scope.companyId,
      rows.map((r) => r.saleId),
      rows.map((r) => r.position),
      rows.map((r) => r.sku),
      rows.map((r) => r.name),
      rows.map((r) => r.quantity),
      rows.map((r) => r.unitPrice),
    ],
  );
}

/** Moves each client's lastInteractionAt forward to its latest sale among these (never back). */
export async function touchLastInteraction(
  m: EntityManager,
  scope: CompanyScope,
  sales: readonly { clientId: string; soldAt: Date | string }[],
): Promise<void> {
  const latest = new Map<string, number>();
  for (const sale of sales) {
    const at = new Date(sale.soldAt).getTime();
    if (at > (latest.get(sale.clientId) ?? -Infinity)) latest.set(sale.clientId, at);
  }
  if (latest.size === 0) return;
  const ids = [...latest.keys()].sort();
  await m.query(
    `UPDATE clients c SET last_interaction_at = t.at
       FROM unnest($2::uuid[], $3::timestamptz[]) AS t(id, at)
      WHERE c.company_id = $1 AND c.id = t.id AND (c.last_interaction_at IS NULL OR c.last_interaction_at < t.at)`,
    [scope.companyId, ids, ids.map((id) => new Date(latest.get(id) as number).toISOString())],
  );
}

/**
 * Remarks on a sale stored as sent: its amount differs from its items' total (Σ quantity × unit
 * price, rounded half-up to the currency's minor unit). None without items.
 */
export function amountWarnings(amount: string, currency: string, items: readonly NormalItem[] | null): string[] {
  if (!items || items.length === 0) return [];
  // quantity in 10⁻³ × price in 10⁻⁴ = 10⁻⁷ units
  const total = items.reduce(
    (sum, item) => sum + decimalToUnits(item.quantity, 3) * decimalToUnits(item.unitPrice, 4),
    0n,
  );
  const scale = minorUnits(currency);
  const rounded = roundDecimal(unitsToDecimal(total, 7), scale);
  const stated = formatMoney(amount, currency);
  return rounded === stated ? [] : [`amount ${stated} differs from the items' total ${rounded}`];
}
