import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations to a company: an owner or admin invites a login, and the user with that login
 * becomes a member only by accepting. One pending invitation per (company, login); the login is
 * stored as typed, whether or not a user has it, so inviting reveals nothing about accounts.
 */
export class CompanyInvitations1764450000000 implements MigrationInterface {
  name = 'CompanyInvitations1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE company_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        login text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
        invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX company_invitations_login_key ON company_invitations (company_id, lower(login))`,
    );
    await q.query(`CREATE INDEX company_invitations_invitee_idx ON company_invitations (lower(login))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE company_invitations`);
  }
}
