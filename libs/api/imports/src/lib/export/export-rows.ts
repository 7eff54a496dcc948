/**
 * The rows of an export, page by page in the list's order: clients, or sales with their buyer and
 * items. Times are given as wall time in the company's time zone (`YYYY-MM-DD HH:MM:SS`). Each
 * page is read in a tenant transaction of its own: nothing is held open while the file streams.
 */
import { clientFilters } from '@crm/api/clients';
import { type CompanyScope, queryRows, SqlParams, type TenantDatabase } from '@crm/api/core';
import {
  loadItems,
  SALE_BASE_AMOUNT,
  SALE_BASE_AMOUNT_ORDER,
  saleFilters,
  SALES_WITH_BASE_AMOUNT,
  SALES_WITH_CLIENT,
} from '@crm/api/sales';
import {
  type ClientSortField,
  type ListClientsQueryDto,
  type ListSalesQueryDto,
  type SaleItemResponse,
  type SaleSortField,
  type SaleStatus,
} from '@crm/shared/contracts';
import { keysetPage, keysetPages, type SortKey, sortKeyColumn } from './keyset';

export const EXPORT_PAGE_SIZE = 2000;

const localTime = (column: string) =>
  `to_char(${column} AT TIME ZONE (SELECT time_zone FROM companies WHERE id = $1), 'YYYY-MM-DD HH24:MI:SS')`;

export interface ClientExportRow {
  id: string;
  externalId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  activity: string | null;
  attributes: Record<string, unknown> | null;
  lastInteractionAt: string | null;
  createdAt: string;
  sortKey: string | null;
}

export interface SaleExportRow {
  id: string;
  externalId: string | null;
  soldAt: string;
  amount: string;
  currency: string;
  status: SaleStatus;
  clientExternalId: string | null;
  clientName: string | null;
  clientEmail: string | null;
  sortKey: string | null;
  items: SaleItemResponse[];
}

const CLIENT_SORTS: Record<ClientSortField, Omit<SortKey, 'descending' | 'id'>> = {
  name: { expression: 'c.name_key', type: 'text', nullable: true },
  email: { expression: 'c.email_key', type: 'text', nullable: true },
  lastInteractionAt: { expression: 'c.last_interaction_at', type: 'timestamptz', nullable: true },
  createdAt: { expression: 'c.created_at', type: 'timestamptz', nullable: false },
  updatedAt: { expression: 'c.updated_at', type: 'timestamptz', nullable: false },
};

const SALE_SORTS: Record<SaleSortField, Omit<SortKey, 'descending' | 'id'>> = {
  soldAt: { expression: 's.sold_at', type: 'timestamptz', nullable: false },
  amount: { expression: SALE_BASE_AMOUNT, type: 'numeric', nullable: true, lead: SALE_BASE_AMOUNT_ORDER },
  createdAt: { expression: 's.created_at', type: 'timestamptz', nullable: false },
};

function sortKey<F extends string>(
  sorts: Record<F, Omit<SortKey, 'descending' | 'id'>>,
  sort: string,
  id: string,
): SortKey {
  return { ...sorts[sort.replace(/^-/, '') as F], descending: sort.startsWith('-'), id };
}

export function clientPages(
  tenantDb: TenantDatabase,
  scope: CompanyScope,
  query: ListClientsQueryDto,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<ClientExportRow[]> {
  const sort = sortKey(CLIENT_SORTS, query.sort ?? '-createdAt', 'c.id');
  return keysetPages(sort, pageSize, (phase, end) => {
    const p = new SqlParams();
    const filters = clientFilters(scope, query, p); // first: `$1` is the company id
    const page = keysetPage(sort, phase, end, p);
    const where = [...filters, ...page.where];
    return tenantDb.run(scope, (m) =>
      queryRows<ClientExportRow>(
        m,
        `SELECT c.id, c.external_id AS "externalId", c.name, c.email, c.phone, c.activity, c.attributes,
              ${localTime('c.last_interaction_at')} AS "lastInteractionAt", ${localTime('c.created_at')} AS "createdAt",
              ${sortKeyColumn(sort)}
         FROM clients c WHERE ${where.join(' AND ')}
        ORDER BY ${page.orderBy} LIMIT ${pageSize}`,
        p.values,
      ),
    );
  });
}

export function salePages(
  tenantDb: TenantDatabase,
  scope: CompanyScope,
  query: ListSalesQueryDto,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<SaleExportRow[]> {
  const sortField = query.sort ?? '-soldAt';
  // By amount, pages read the (company_id, base_amount_order, base_amount, sale_id) index of the stored base amounts,
  // whose columns the keyset comparison must name for the index to answer it.
  const byAmount = sortField.replace(/^-/, '') === 'amount';
  const sort = sortKey(SALE_SORTS, sortField, byAmount ? 'b.sale_id' : 's.id');
  const from = byAmount ? SALES_WITH_BASE_AMOUNT : SALES_WITH_CLIENT;
  return keysetPages(sort, pageSize, (phase, end) => {
    const p = new SqlParams();
    const filters = saleFilters(scope, query, p); // first: `$1` is the company id
    const page = keysetPage(sort, phase, end, p);
    const where = [...filters, ...page.where];
    return tenantDb.run(scope, async (m) => {
      const rows = await queryRows<Omit<SaleExportRow, 'items'>>(
        m,
        `SELECT s.id, s.external_id AS "externalId", ${localTime('s.sold_at')} AS "soldAt", s.amount::text AS amount,
              s.currency, s.status, c.external_id AS "clientExternalId", c.name AS "clientName", c.email AS "clientEmail",
              ${sortKeyColumn(sort)}
         FROM ${from} WHERE ${where.join(' AND ')}
        ORDER BY ${page.orderBy} LIMIT ${pageSize}`,
        p.values,
      );
      const items = await loadItems(m, scope, rows);
      return rows.map((row) => ({ ...row, items: items.get(row.id) ?? [] }));
    });
  });
}
