import { type CompanyScope, InvalidInputException, queryRows } from '@crm/api/core';
import type { EntityManager } from 'typeorm';

/** 400 naming `field` unless `userId` is a member of the company (owners, admins and members alike). */
export async function assertMember(
  m: EntityManager,
  scope: CompanyScope,
  userId: string,
  field: string,
): Promise<void> {
  const [row] = await queryRows(m, `SELECT 1 FROM company_accounts WHERE company_id = $1 AND user_id = $2`, [
    scope.companyId,
    userId,
  ]);
  if (!row) throw new InvalidInputException([{ field, messages: [`${field} is not a member of this company`] }]);
}

/** 400 naming `field` unless `clientId` is a client of this company; locks it against deletion meanwhile. */
export async function assertClient(m: EntityManager, scope: CompanyScope, clientId: string, field = 'clientId') {
  const [row] = await queryRows(m, `SELECT 1 FROM clients WHERE company_id = $1 AND id = $2 FOR KEY SHARE`, [
    scope.companyId,
    clientId,
  ]);
  if (!row) throw new InvalidInputException([{ field, messages: [`${field} is not a client of this company`] }]);
}

/** The 400 of one bad field. */
export function invalidField(field: string, message: string): never {
  throw new InvalidInputException([{ field, messages: [message] }]);
}
