import { companyDayStart, type CompanyScope, containsAny, containsPattern, type SqlParams } from '@crm/api/core';
import type { ListClientsQueryDto } from '@crm/shared/contracts';

/** The columns the client search (`q`) looks in. */
export const CLIENT_SEARCH_COLUMNS = ['c.name', 'c.email', 'c.phone', 'c.external_id'] as const;

/**
 * The WHERE conditions of the clients list (`GET /clients`, alias `c`) for its query, joined with
 * AND: the one source for the list and its export (`GET /exports/clients`), so an export holds
 * exactly the rows the list shows. The company id is the first parameter (`$1`).
 */
export function clientFilters(scope: CompanyScope, query: ListClientsQueryDto, p: SqlParams): string[] {
  const where = [`c.company_id = ${p.add(scope.companyId)}`];
  if (query.q) {
    const pattern = p.add(containsPattern(query.q));
    where.push(containsAny(CLIENT_SEARCH_COLUMNS, pattern));
  }
  if (query.activity !== undefined) where.push(`c.activity_key = lower(${p.add(query.activity)})`);
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
