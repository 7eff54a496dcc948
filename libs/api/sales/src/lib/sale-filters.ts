import { companyDayStart, type CompanyScope, containsAny, containsPattern, type SqlParams } from '@crm/api/core';
import { type ListSalesQueryDto, toDecimalString } from '@crm/shared/contracts';
import { SALE_CLIENT_SEARCH_COLUMNS, SALE_OWN_SEARCH_COLUMNS } from './sale-rows';

/**
 * The WHERE conditions of the sales list (`GET /sales`, alias `s` over `SALES_WITH_CLIENT`) for its
 * query, joined with AND: the one source for the list and its export (`GET /exports/sales`), so an
 * export holds exactly the rows the list shows. The company id is the first parameter (`$1`).
 */

export function saleFilters(scope: CompanyScope, query: ListSalesQueryDto, p: SqlParams): string[] {
  const company = p.add(scope.companyId);
  const where = [`s.company_id = ${company}`];
  if (query.q) {
    const pattern = p.add(containsPattern(query.q));
    // The client's name and e-mail are matched once per client (a hashed subquery), not once per
    // sale of it: half the time of a search count over 30,000 sales.
    where.push(
      `(${containsAny(SALE_OWN_SEARCH_COLUMNS, pattern)} OR s.client_id IN (
         SELECT sc.id FROM clients sc WHERE sc.company_id = ${company} AND ${containsAny(SALE_CLIENT_SEARCH_COLUMNS, pattern)}))`,
    );
  }
  if (query.clientId) where.push(`s.client_id = ${p.add(query.clientId)}::uuid`);
  if (query.status) where.push(`s.status = ${p.add(query.status)}`);
  if (query.kind) where.push(`s.kind = ${p.add(query.kind)}`);
  if (query.currency) where.push(`s.currency = ${p.add(query.currency)}`);
  if (query.from) where.push(`s.sold_at >= ${companyDayStart(p.add(query.from))}`);
  if (query.to) where.push(`s.sold_at < ${companyDayStart(p.add(query.to), 1)}`);
  if (query.amountMin !== undefined) where.push(`s.amount >= ${p.add(toDecimalString(query.amountMin))}::numeric`);
  if (query.amountMax !== undefined) where.push(`s.amount <= ${p.add(toDecimalString(query.amountMax))}::numeric`);
  return where;
}
