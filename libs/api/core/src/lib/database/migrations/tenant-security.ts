import type { QueryRunner } from 'typeorm';

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
       USING (company_id = current_setting('app.company_id', true)::uuid)
       WITH CHECK (company_id = current_setting('app.company_id', true)::uuid)`,
  );
  await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO crm_tenant`);
}

export async function disableTenantSecurity(q: QueryRunner, table: string): Promise<void> {
  await q.query(`REVOKE ALL ON ${table} FROM crm_tenant`);
  await q.query(`DROP POLICY IF EXISTS tenant ON ${table}`);
  await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
}
