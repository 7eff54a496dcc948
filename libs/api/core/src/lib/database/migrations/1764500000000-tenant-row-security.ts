import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantSecurity, enableTenantSecurity } from './tenant-security';

/** Tenant tables as of this migration: every table with a `company_id`. Later ones enable their own. */
async function tenantTables(q: QueryRunner): Promise<string[]> {
  const rows: { table: string }[] = await q.query(
    `SELECT c.table_name AS "table"
       FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = current_schema() AND c.column_name = 'company_id' AND t.table_type = 'BASE TABLE'
      ORDER BY 1`,
  );
  return rows.map((r) => r.table);
}

/**
 * Tenancy enforced by the database (ADR 0001). The role `crm_tenant` (no log-in; the connecting user
 * enters it with `SET LOCAL ROLE` through `TenantDatabase`) sees only the rows of the company named
 * by `app.company_id`. The connecting user keeps bypassing the policies (it owns the tables, or is a
 * superuser on the embedded database): it serves the narrow global paths (log-in, key lookup,
 * migrations, the background folder). Roles are per server, so the role may exist already.
 */
export class TenantRowSecurity1764500000000 implements MigrationInterface {
  name = 'TenantRowSecurity1764500000000';

  async up(q: QueryRunner): Promise<void> {
    // Two databases of one server migrating at once both find no role: the second's CREATE waits
    // for the first's and fails on the role's unique name — the role is there, which is the point.
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'crm_tenant') THEN CREATE ROLE crm_tenant NOLOGIN; END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
    // A non-superuser connecting user may enter the role only as a member of it.
    await q.query(`DO $$ BEGIN
      IF NOT pg_has_role(current_user, 'crm_tenant', 'MEMBER') THEN EXECUTE format('GRANT crm_tenant TO %I', current_user); END IF;
    END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO crm_tenant`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO crm_tenant`);
    for (const table of await tenantTables(q)) await enableTenantSecurity(q, table);
    // The company itself: readable and editable by its own tenant transactions only.
    await q.query(`ALTER TABLE companies ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant ON companies
       USING (id = current_setting('app.company_id', true)::uuid)
       WITH CHECK (id = current_setting('app.company_id', true)::uuid)`);
    await q.query(`GRANT SELECT, UPDATE ON companies TO crm_tenant`);
    // Users: a tenant sees its members' public fields only (never password hashes).
    await q.query(`ALTER TABLE users ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_members ON users FOR SELECT
       USING (EXISTS (SELECT 1 FROM company_accounts a WHERE a.user_id = users.id))`);
    await q.query(`GRANT SELECT (id, login, created_at) ON users TO crm_tenant`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON users FROM crm_tenant`);
    await q.query(`DROP POLICY IF EXISTS tenant_members ON users`);
    await q.query(`ALTER TABLE users DISABLE ROW LEVEL SECURITY`);
    await q.query(`REVOKE ALL ON companies FROM crm_tenant`);
    await q.query(`DROP POLICY IF EXISTS tenant ON companies`);
    await q.query(`ALTER TABLE companies DISABLE ROW LEVEL SECURITY`);
    for (const table of await tenantTables(q)) await disableTenantSecurity(q, table);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM crm_tenant`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM crm_tenant`);
  }
}
