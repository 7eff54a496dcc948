/**
 * The WHERE clauses of the web lists (`GET /clients`, `GET /sales`) for an export of the same
 * list. They mirror `ClientsService.list` and `SalesService.list` of @crm/api/clients and
 * @crm/api/sales; the imports e2e spec checks that an export holds exactly the rows the list shows.
 */
import { CLIENT_SEARCH_COLUMNS } from '@crm/api/clients';
import { companyDayStart, type CompanyScope, containsAny, containsPattern, SqlParams } from '@crm/api/core';
import { SALE_SEARCH_COLUMNS } from '@crm/api/sales';
import { type ListClientsQueryDto, type ListSalesQueryDto, toDecimalString } from '@crm/shared/contracts';

export function clientFilters(scope: CompanyScope, query: ListClientsQueryDto, p: SqlParams): string[] {
  const where = [`c.company_id = ${p.add(scope.companyId)}`];
  if (query.q) {
    const pattern = p.add(containsPattern(query.q));
    where.push(containsAny(CLIENT_SEARCH_COLUMNS, pattern));
  }
  if (query.activity !== undefined) where.push(`lower(c.activity) = lower(${p.add(query.activity)})`);
  if (query.lastInteractionFrom)
    where.push(`c.last_interaction_at >= ${companyDayStart(p.add(query.lastInteractionFrom))}`);
  if (query.lastInteractionTo)
    where.push(`c.last_interaction_at < ${companyDayStart(p.add(query.lastInteractionTo), 1)}`);
  if (query.hasPurchases !== undefined) {
    where.push(
      `${query.hasPurchases ? '' : 'NOT '}EXISTS (SELECT 1 FROM sales s WHERE s.company_id = c.company_id AND s.client_id = c.id)`,
    );
  }
  return where;
}

export function saleFilters(scope: CompanyScope, query: ListSalesQueryDto, p: SqlParams): string[] {
  const where = [`s.company_id = ${p.add(scope.companyId)}`];
  if (query.q) {
    const pattern = p.add(containsPattern(query.q));
    where.push(containsAny(SALE_SEARCH_COLUMNS, pattern));
  }
  if (query.clientId) where.push(`s.client_id = ${p.add(query.clientId)}::uuid`);
  if (query.status) where.push(`s.status = ${p.add(query.status)}`);
  if (query.currency) where.push(`s.currency = ${p.add(query.currency)}`);
  if (query.from) where.push(`s.sold_at >= ${companyDayStart(p.add(query.from))}`);
  if (query.to) where.push(`s.sold_at < ${companyDayStart(p.add(query.to), 1)}`);
  if (query.amountMin !== undefined) where.push(`s.amount >= ${p.add(toDecimalString(query.amountMin))}::numeric`);
  if (query.amountMax !== undefined) where.push(`s.amount <= ${p.add(toDecimalString(query.amountMax))}::numeric`);
  return where;
}
