import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantSecurity, enableTenantSecurity } from './tenant-security';

/**
 * Read-your-writes with a streaming read replica (`DATABASE_READ_URL`, docs/scaling.md step 4): the
 * primary's WAL position right after a company's last committed tenant write. Written by
 * `TenantDatabase.run` after the COMMIT of a transaction that wrote (only when a replica is
 * configured), read by `ReadReplica` before an analytics read: the replica answers only once it has
 * replayed this far. One row a company; `greatest` keeps it from going back when writes race.
 */
export class CompanyWritePositions1764680000000 implements MigrationInterface {
  name = 'CompanyWritePositions1764680000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE company_write_positions (
         company_id uuid PRIMARY KEY REFERENCES companies(id) ON DELETE CASCADE,
         lsn pg_lsn NOT NULL
       )`,
    );
    // Like every table with a company_id; the position itself is written and read outside tenant
    // transactions (after the COMMIT, and by the router), as the tables' owner.
    await enableTenantSecurity(q, 'company_write_positions');
  }

  async down(q: QueryRunner): Promise<void> {
    await disableTenantSecurity(q, 'company_write_positions');
    await q.query(`DROP TABLE company_write_positions`);
  }
}
