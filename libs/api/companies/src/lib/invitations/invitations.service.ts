import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type CompanyScope, TenantDatabase } from '@crm/api/core';
import {
  coded,
  type CompanyMembershipResponse,
  type CompanyRole,
  type InvitationResponse,
  type MyInvitationResponse,
} from '@crm/shared/contracts';
import { DataSource, type EntityManager } from 'typeorm';

/** How long an invitation waits for its invitee; inviting the login again renews it. */
export const INVITATION_TTL_DAYS = 14;

const NOT_FOUND = () => new NotFoundException(coded('invitation_not_found', 'Invitation not found'));

interface InvitationRow {
  id: string;
  login: string;
  role: CompanyRole;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}

const SELECT_INVITATION = `
  SELECT i.id, i.login, i.role, inviter.login AS "invitedBy", i.created_at AS "createdAt", i.expires_at AS "expiresAt"
    FROM company_invitations i LEFT JOIN users inviter ON inviter.id = i.invited_by`;

/**
 * Invitations: an owner or admin invites a login; its user joins by accepting. Inviting stores the
 * login as typed without looking for its user, so the answer (and its timing) is the same for every
 * login that is not already a member. The invitee reaches an invitation only through their own
 * login; another user gets 404 for it.
 *
 * The company's side (invite, list, withdraw) runs in its tenant transaction. The invitee's side
 * (their invitations, accept, decline) is a global path on the plain `DataSource`: it crosses
 * companies by the user's own login, and accepting writes the membership the guard reads.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenantDb: TenantDatabase,
  ) {}

  async invite(scope: CompanyScope, login: string, role: CompanyRole): Promise<InvitationResponse> {
    if (role === 'owner' && scope.role !== 'owner')
      throw new ForbiddenException(coded('owner_only', 'Only an owner may grant the owner role'));
    return this.tenantDb.run(scope, (m) => this.store(m, scope, login, role));
  }

  private async store(m: EntityManager, scope: CompanyScope, login: string, role: CompanyRole) {
    const [member] = await m.query(
      `SELECT 1 FROM company_accounts a JOIN users u ON u.id = a.user_id
        WHERE a.company_id = $1 AND lower(u.login) = lower($2)`,
      [scope.companyId, login],
    );
    if (member) throw new ConflictException(coded('already_member', 'This user is already a member'));
    const [row] = (await m.query(
      `WITH saved AS (
         INSERT INTO company_invitations (company_id, login, role, invited_by, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))
         ON CONFLICT (company_id, lower(login)) DO UPDATE
           SET login = EXCLUDED.login, role = EXCLUDED.role, invited_by = EXCLUDED.invited_by,
               created_at = now(), expires_at = EXCLUDED.expires_at
         RETURNING *)
       SELECT i.id, i.login, i.role, inviter.login AS "invitedBy", i.created_at AS "createdAt",
              i.expires_at AS "expiresAt"
         FROM saved i LEFT JOIN users inviter ON inviter.id = i.invited_by`,
      [scope.companyId, login, role, scope.userId ?? null, INVITATION_TTL_DAYS],
    )) as InvitationRow[];
    return toInvitation(row);
  }

  /** The company's pending invitations, newest first. */
  async list(scope: CompanyScope): Promise<InvitationResponse[]> {
    const rows = (await this.tenantDb.run(scope, (m) =>
      m.query(
        `${SELECT_INVITATION} WHERE i.company_id = $1 AND i.expires_at > now() ORDER BY i.created_at DESC, i.id`,
        [scope.companyId],
      ),
    )) as InvitationRow[];
    return rows.map(toInvitation);
  }

  /** Withdraws an invitation; only an owner withdraws one that would make an owner. */
  async revoke(scope: CompanyScope, id: string): Promise<void> {
    await this.tenantDb.run(scope, async (m) => {
      const [row] = (await m.query(
        `SELECT role FROM company_invitations WHERE id = $1 AND company_id = $2 FOR UPDATE`,
        [id, scope.companyId],
      )) as { role: CompanyRole }[];
      if (!row) throw NOT_FOUND();
      if (row.role === 'owner' && scope.role !== 'owner')
        throw new ForbiddenException(coded('owner_only', 'Only an owner may withdraw an owner invitation'));
      await m.query(`DELETE FROM company_invitations WHERE id = $1 AND company_id = $2`, [id, scope.companyId]);
    });
  }

  /** Invitations addressed to the user's login that have not lapsed, newest first. */
  async listMine(userId: string): Promise<MyInvitationResponse[]> {
    const rows = (await this.dataSource.query(
      `SELECT i.id, c.id AS "companyId", c.name AS "companyName", i.role, inviter.login AS "invitedBy",
              i.created_at AS "createdAt", i.expires_at AS "expiresAt"
         FROM users me
         JOIN company_invitations i ON lower(i.login) = lower(me.login)
         JOIN companies c ON c.id = i.company_id
         LEFT JOIN users inviter ON inviter.id = i.invited_by
        WHERE me.id = $1 AND i.expires_at > now()
        ORDER BY i.created_at DESC, i.id`,
      [userId],
    )) as (Omit<InvitationRow, 'login'> & { companyId: string; companyName: string })[];
    return rows.map((row) => ({
      id: row.id,
      company: { id: row.companyId, name: row.companyName },
      role: row.role,
      invitedBy: row.invitedBy,
      createdAt: new Date(row.createdAt).toISOString(),
      expiresAt: new Date(row.expiresAt).toISOString(),
    }));
  }

  /** Joins the company with the invited role; the invitation is used up. */
  async accept(userId: string, id: string): Promise<CompanyMembershipResponse> {
    return this.dataSource.transaction(async (m) => {
      const [invitation] = (await m.query(
        // A CTE, so the driver answers rows for a DELETE as for a SELECT.
        `WITH used AS (
           DELETE FROM company_invitations i USING users me
            WHERE i.id = $1 AND me.id = $2 AND lower(i.login) = lower(me.login) AND i.expires_at > now()
            RETURNING i.company_id, i.role)
         SELECT company_id AS "companyId", role FROM used`,
        [id, userId],
      )) as { companyId: string; role: CompanyRole }[];
      if (!invitation) throw NOT_FOUND();
      // A user who is a member already keeps their role.
      await m.query(
        `INSERT INTO company_accounts (company_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (company_id, user_id) DO NOTHING`,
        [invitation.companyId, userId, invitation.role],
      );
      const [membership] = (await m.query(
        `SELECT c.id, c.name, a.role FROM company_accounts a JOIN companies c ON c.id = a.company_id
          WHERE a.company_id = $1 AND a.user_id = $2`,
        [invitation.companyId, userId],
      )) as CompanyMembershipResponse[];
      return membership;
    });
  }

  async decline(userId: string, id: string): Promise<void> {
    const rows = (await this.dataSource.query(
      `WITH gone AS (
         DELETE FROM company_invitations i USING users me
          WHERE i.id = $1 AND me.id = $2 AND lower(i.login) = lower(me.login)
          RETURNING i.id)
       SELECT id FROM gone`,
      [id, userId],
    )) as unknown[];
    if (rows.length === 0) throw NOT_FOUND();
  }
}

function toInvitation(row: InvitationRow): InvitationResponse {
  return {
    id: row.id,
    userId: null,
    login: row.login,
    role: row.role,
    status: 'pending',
    invitedBy: row.invitedBy,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
  };
}
