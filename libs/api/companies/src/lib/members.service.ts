import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { type CompanyScope, TenantDatabase } from '@crm/api/core';
import { coded, type CompanyRole, type MemberResponse } from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';
import { CompanyAccount } from './company-account.entity';

/**
 * Company membership. Only an owner may grant the owner role or change or remove an owner,
 * and a company always keeps at least one owner. Everything runs in the company's tenant transaction,
 * which sees only its members' public user fields (never password hashes).
 */
@Injectable()
export class MembersService {
  constructor(private readonly tenantDb: TenantDatabase) {}

  async list(scope: CompanyScope): Promise<MemberResponse[]> {
    return this.tenantDb.run(scope, (m) =>
      m.query(
        `SELECT a.user_id AS "userId", u.login, a.role
         FROM company_accounts a JOIN users u ON u.id = a.user_id
        WHERE a.company_id = $1
        ORDER BY CASE a.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, lower(u.login)`,
        [scope.companyId],
      ),
    );
  }

  async changeRole(scope: CompanyScope, userId: string, role: CompanyRole): Promise<MemberResponse> {
    assertMayAssign(scope, role);
    return this.tenantDb.run(scope, async (m) => {
      const account = await this.lockMembership(m, scope, userId);
      if (account.role === 'owner' && scope.role !== 'owner')
        throw new ForbiddenException(coded('owner_only', 'Only an owner may change an owner'));
      if (account.role === 'owner' && role !== 'owner') await assertAnotherOwner(m, scope, userId);
      await m.getRepository(CompanyAccount).update({ companyId: scope.companyId, userId }, { role });
      const [user] = (await m.query(`SELECT login FROM users WHERE id = $1`, [userId])) as { login: string }[];
      return { userId, login: user?.login ?? '', role };
    });
  }

  async remove(scope: CompanyScope, userId: string): Promise<void> {
    await this.tenantDb.run(scope, async (m) => {
      const account = await this.lockMembership(m, scope, userId);
      if (account.role === 'owner' && scope.role !== 'owner')
        throw new ForbiddenException(coded('owner_only', 'Only an owner may remove an owner'));
      if (account.role === 'owner') await assertAnotherOwner(m, scope, userId);
      await m.getRepository(CompanyAccount).delete({ companyId: scope.companyId, userId });
    });
  }

  /** Locks the company row so two concurrent demotions cannot leave it without an owner. */
  private async lockMembership(m: EntityManager, scope: CompanyScope, userId: string): Promise<CompanyAccount> {
    await m.query(`SELECT id FROM companies WHERE id = $1 FOR UPDATE`, [scope.companyId]);
    const account = await m.getRepository(CompanyAccount).findOneBy({ companyId: scope.companyId, userId });
    if (!account) throw new NotFoundException(coded('member_not_found', 'Member not found'));
    return account;
  }
}

function assertMayAssign(scope: CompanyScope, role: CompanyRole): void {
  if (role === 'owner' && scope.role !== 'owner')
    throw new ForbiddenException(coded('owner_only', 'Only an owner may grant the owner role'));
}

async function assertAnotherOwner(m: EntityManager, scope: CompanyScope, userId: string): Promise<void> {
  const [{ count }] = await m.query(
    `SELECT count(*)::int AS count FROM company_accounts WHERE company_id = $1 AND role = 'owner' AND user_id <> $2`,
    [scope.companyId, userId],
  );
  if (count === 0) throw new ConflictException(coded('last_owner', 'A company must keep at least one owner'));
}
