import type { CompanyRole } from './company-role';

/**
 * A pending invitation as the company's owners and admins see it. `POST .../members` answers with
 * one: the login joins only when its user accepts. The answer is the same whether or not a user
 * with that login exists, so it tells nothing about other people's accounts.
 */
export class InvitationResponse {
  /** The invitation's id (for revoking it). */
  id!: string;
  /** Always null: the invitee is a member only after accepting (kept for the shape of a member). @example null */
  userId!: string | null;
  /** The login invited, as typed. @example "ivan.sidorov" */
  login!: string;
  /** The role the invitee gets on accepting. @example "member" */
  role!: CompanyRole;
  /** @example "pending" */
  status!: 'pending';
  /** Login of the owner or admin who invited, null if their account is gone. @example "anna" */
  invitedBy!: string | null;
  /** @example "2026-12-01T10:15:00.000Z" */
  createdAt!: string;
  /** The invitation lapses after this moment unless sent again. @example "2026-12-15T10:15:00.000Z" */
  expiresAt!: string;
}

/** The company an invitation is for. */
export class InvitationCompanyResponse {
  id!: string;
  /** @example "ООО Ромашка" */
  name!: string;
}

/** An invitation addressed to the caller (`GET /api/me/invitations`). */
export class MyInvitationResponse {
  id!: string;
  company!: InvitationCompanyResponse;
  /** @example "member" */
  role!: CompanyRole;
  /** @example "anna" */
  invitedBy!: string | null;
  /** @example "2026-12-01T10:15:00.000Z" */
  createdAt!: string;
  /** @example "2026-12-15T10:15:00.000Z" */
  expiresAt!: string;
}
