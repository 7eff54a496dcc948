import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantSecurity, TENANT_COMPANY_SQL } from './tenant-security';

/** Every table with a `company_id`, as `TenantRowSecurity1764500000000` found them. */
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
 * The tenant policies read an unset company as NULL (no row), never as '' — which a session answers
 * for `app.company_id` once any transaction of it set the value locally, and which `::uuid` refused
 * with an error instead of matching nothing (`TENANT_COMPANY_SQL`).
 */
export class TenantPoliciesUnset1764500000001 implements MigrationInterface {
  name = 'TenantPoliciesUnset1764500000001';

  async up(q: QueryRunner): Promise<void> {
    for (const table of await tenantTables(q)) await enableTenantSecurity(q, table);
    await q.query(`DROP POLICY IF EXISTS tenant ON companies`);
    await q.query(
      `CREATE POLICY tenant ON companies USING (id = ${TENANT_COMPANY_SQL}) WITH CHECK (id = ${TENANT_COMPANY_SQL})`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const cast = `current_setting('app.company_id', true)::uuid`;
    for (const table of await tenantTables(q)) {
      await q.query(`DROP POLICY IF EXISTS tenant ON ${table}`);
      await q.query(`CREATE POLICY tenant ON ${table} USING (company_id = ${cast}) WITH CHECK (company_id = ${cast})`);
    }
    await q.query(`DROP POLICY IF EXISTS tenant ON companies`);
    await q.query(`CREATE POLICY tenant ON companies USING (id = ${cast}) WITH CHECK (id = ${cast})`);
  }
}
