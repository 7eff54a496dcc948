import { type CompanyScope, iso, queryRows } from '@crm/api/core';
import {
  formatMoney,
  type IntegrationSaleResponse,
  type SaleItemResponse,
  type SaleListItemResponse,
  type SaleResponse,
  minorUnits,
  type SaleKind,
  type SaleStatus,
} from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';

/** The columns of a sale with its buyer, for `... FROM sales s JOIN clients c ON c.id = s.client_id`. */
export const SALE_COLUMNS = `s.id, s.external_id AS "externalId", s.client_id AS "clientId", s.amount::text AS amount,
  s.currency, s.sold_at AS "soldAt", s.status, s.created_at AS "createdAt", s.updated_at AS "updatedAt",
  s.kind, s.return_of AS "returnOf",
  (SELECT o.external_id FROM sales o WHERE o.company_id = s.company_id AND o.id = s.return_of) AS "returnOfExternalId",
  c.external_id AS "clientExternalId", c.email AS "clientEmail", c.name AS "clientName"`;

/** What a sales search matches: the sale's external id, and its client's name or e-mail (alias `sc`). */
export const SALE_OWN_SEARCH_COLUMNS = ['s.external_id'] as const;
export const SALE_CLIENT_SEARCH_COLUMNS = ['sc.name', 'sc.email'] as const;

/**
 * The sale's amount in the company's base currency, as analytics converts it (at the rate of its
 * currency in force on the sale's local day), stored in `sale_base_amounts` and kept exact by
 * triggers (migration SaleBaseAmounts1764470000000); NULL when no rate is in force yet (such sales
 * sort last). Sorting by amount uses it, so 9,89 $ sorts above 900 ₽ only when it is worth more.
 * Needs {@link SALES_WITH_BASE_AMOUNT}.
 */
export const SALE_BASE_AMOUNT = 'b.base_amount';

/**
 * {@link SALE_BASE_AMOUNT} as `float8`, stored (LeakproofSortKeys1764710000000): a monotone image
 * of it that leads the order index, so an order by (it, amount, id) is the order by (amount, id),
 * and a keyset bound on it is leakproof, an index condition under the tenant policies (numeric
 * comparisons are not).
 */
export const SALE_BASE_AMOUNT_ORDER = 'b.base_amount_order';

/**
 * {@link SALES_WITH_CLIENT} driven by the `(company_id, base_amount_order, base_amount, sale_id)` index: every sale has
 * its row there, so a page sorted by {@link SALE_BASE_AMOUNT} reads that index in order.
 */
export const SALES_WITH_BASE_AMOUNT = `sale_base_amounts b
  JOIN sales s ON s.company_id = b.company_id AND s.id = b.sale_id
  JOIN clients c ON c.company_id = s.company_id AND c.id = s.client_id`;

export const SALES_WITH_CLIENT = `sales s JOIN clients c ON c.company_id = s.company_id AND c.id = s.client_id`;

export interface SaleRow {
  id: string;
  externalId: string | null;
  clientId: string;
  amount: string;
  currency: string;
  soldAt: Date;
  status: SaleStatus;
  kind: SaleKind;
  returnOf: string | null;
  returnOfExternalId: string | null;
  createdAt: Date;
  updatedAt: Date;
  clientExternalId: string | null;
  clientEmail: string | null;
  clientName: string | null;
}

interface ItemRow {
  saleId: string;
  sku: string | null;
  name: string;
  quantity: string;
  unitPrice: string;
}

/** The items of these sales, in their order, keyed by sale id: one query for a whole page. */
export async function loadItems(
  m: EntityManager,
  scope: CompanyScope,
  sales: readonly Pick<SaleRow, 'id' | 'currency'>[],
): Promise<Map<string, SaleItemResponse[]>> {
  const bySale = new Map<string, SaleItemResponse[]>(sales.map((s) => [s.id, []]));
  if (sales.length === 0) return bySale;
  const currency = new Map(sales.map((s) => [s.id, s.currency]));
  const rows = await queryRows<ItemRow>(
    m,
    `SELECT sale_id AS "saleId", sku, name, quantity::text AS quantity, unit_price::text AS "unitPrice"
       FROM sale_items WHERE company_id = $1 AND sale_id = ANY($2::uuid[]) ORDER BY sale_id, position`,
    [scope.companyId, sales.map((s) => s.id)],
  );
  for (const row of rows) {
    bySale.get(row.saleId)?.push({
      sku: row.sku,
      name: row.name,
      quantity: Number(row.quantity),
      unitPrice: formatUnitPrice(row.unitPrice, currency.get(row.saleId) as string),
    });
  }
  return bySale;
}

export function toSaleResponse(row: SaleRow, items: SaleItemResponse[]): SaleResponse {
  return {
    id: row.id,
    externalId: row.externalId,
    clientId: row.clientId,
    amount: formatMoney(row.amount, row.currency),
    currency: row.currency,
    soldAt: iso(row.soldAt) as string,
    status: row.status,
    kind: row.kind,
    returnOf: row.returnOf,
    items,
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
  };
}

export function toSaleWithClient(row: SaleRow, items: SaleItemResponse[]): SaleListItemResponse {
  return {
    ...toSaleResponse(row, items),
    client: { id: row.clientId, externalId: row.clientExternalId, email: row.clientEmail, name: row.clientName },
  };
}

export function toIntegrationSale(row: SaleRow, items: SaleItemResponse[]): IntegrationSaleResponse {
  return { ...toSaleResponse(row, items), returnOf: row.returnOfExternalId, clientExternalId: row.clientExternalId };
}

/**
 * A unit price with the currency's minor digits, and more (up to the 4 stored) only where the price
 * has them: `0.0010` GBP → `"0.001"`, `2.5000` → `"2.50"`.
 */
export function formatUnitPrice(price: string, currency: string): string {
  const minor = minorUnits(currency);
  const [integer, fraction = ''] = price.split('.');
  const digits = fraction.replace(/0+$/, '');
  if (digits.length <= minor) return formatMoney(price, currency);
  return `${integer}.${digits}`;
}
