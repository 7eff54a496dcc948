/**
 * Which sales an indicator counts when a caller narrows them (ADR 0006 "Report filters"): the
 * sales of some clients, in some currencies (the sale's own). The rollups hold every sale, so a
 * filtered read aggregates `sales` itself ({@link PlainSource}, the rollups' reference) with these
 * predicates added; an unfiltered read is unchanged.
 */
import { type CompanyScope, InvalidInputException } from '@crm/api/core';
import type { FieldError } from '@crm/shared/contracts';
import type { SqlParams, SqlRunner } from '../sql';

export interface SaleFilter {
  /** Only sales of these clients; an empty list selects no sale. */
  clientIds?: readonly string[];
  /** Only sales in these currencies (the sale's own); an empty list selects no sale. */
  currencies?: readonly string[];
}

/**
 * The filter of a query's `clientIds` / `currencies` (deduplicated, sorted), or undefined when it
 * names neither: the whole company's sales.
 */
export function saleFilterOf(query: {
  clientIds?: readonly string[] | null;
  currencies?: readonly string[] | null;
}): SaleFilter | undefined {
  const filter: SaleFilter = {};
  if (query.clientIds) filter.clientIds = [...new Set(query.clientIds.map((id) => id.toLowerCase()))].sort();
  if (query.currencies) filter.currencies = [...new Set(query.currencies)].sort();
  return filter.clientIds || filter.currencies ? filter : undefined;
}

/**
 * The filter's predicates on a `sales` row (`alias.client_id`, `alias.currency`), each preceded by
 * `AND`; an empty string without a filter.
 */
export function saleFilterSql(filter: SaleFilter | undefined, alias: string, p: SqlParams): string {
  if (!filter) return '';
  let sql = '';
  if (filter.clientIds) sql += ` AND ${alias}.client_id = ANY(${p.add(filter.clientIds)}::uuid[])`;
  if (filter.currencies) sql += ` AND ${alias}.currency = ANY(${p.add(filter.currencies)}::char(3)[])`;
  return sql;
}

/**
 * Refuses (400, one detail per id, indexed as sent) the client ids that are not the company's
 * clients — another company's client reads as unknown, never as data. `sql` runs in a tenant
 * transaction.
 */
export async function checkFilterClients(
  sql: SqlRunner,
  scope: CompanyScope,
  ids: readonly string[] | null | undefined,
  field = 'clientIds',
): Promise<void> {
  if (!ids || ids.length === 0) return;
  const found = await sql<{ id: string }>(
    `SELECT id::text AS id FROM clients WHERE company_id = $1 AND id = ANY($2::uuid[])`,
    [scope.companyId, [...new Set(ids)]],
  );
  const known = new Set(found.map((r) => r.id.toLowerCase()));
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    if (!known.has(id.toLowerCase()))
      errors.push({ field: `${field}.${i}`, messages: [`client ${id} not found in this company`] });
  });
  if (errors.length) throw new InvalidInputException(errors);
}
