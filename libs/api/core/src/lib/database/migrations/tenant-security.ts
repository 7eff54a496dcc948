import type { QueryRunner } from 'typeorm';

/**
 * The company of the current tenant transaction as SQL: `app.company_id`, NULL when unset. A session
 * that once set it locally answers '' afterwards (not NULL), hence the `nullif`.
 */
export const TENANT_COMPANY_SQL = `nullif(current_setting('app.company_id', true), '')::uuid`;

/**
 * Row-level security for a tenant table: the `tenant` policy lets the tenant role see and write only
 * rows whose `company_id` is the transaction's company (`app.company_id`). Unset, the setting is NULL
 * and no row matches: a tenant transaction that forgot to name its company sees nothing.
 *
 * Every migration that creates a table with a `company_id` calls this for it; the schema spec
 * (`tenant-security.spec.ts` in api-e2e) fails when a table is left without.
 */
export async function enableTenantSecurity(q: QueryRunner, table: string): Promise<void> {
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await q.query(`DROP POLICY IF EXISTS tenant ON ${table}`);
  await q.query(
    `CREATE POLICY tenant ON ${table}
       USING (company_id = ${TENANT_COMPANY_SQL})
       WITH CHECK (company_id = ${TENANT_COMPANY_SQL})`,
  );
  await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO crm_tenant`);
}

export async function disableTenantSecurity(q: QueryRunner, table: string): Promise<void> {
  await q.query(`REVOKE ALL ON ${table} FROM crm_tenant`);
  await q.query(`DROP POLICY IF EXISTS tenant ON ${table}`);
  await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
}
