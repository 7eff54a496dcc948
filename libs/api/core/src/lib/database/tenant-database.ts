import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CompanyScope } from '../security/request-context';

/** The role every tenant transaction runs as: not the tables' owner, so row-level security applies. */
export const TENANT_ROLE = 'crm_tenant';
/** The transaction-local setting the `tenant` policies compare `company_id` with. */
export const TENANT_SETTING = 'app.company_id';

/**
 * The one way tenant code reaches the database. `run` opens a transaction, sets the company from the
 * `CompanyScope` the guard resolved (`set_config(..., true)`: local to the transaction) and switches to
 * {@link TENANT_ROLE} (also local). From there every table with a `company_id` answers only that
 * company's rows and refuses to store another's, whatever the SQL says: a query that forgets its
 * `company_id = $1` filter cannot see or change another company's data. Hand-written filters stay
 * (they help the planner); the policy is the net under them.
 *
 * Global tables (users, companies, API key lookups, the job queue) are reached through narrow, named
 * paths that use the `DataSource` directly (log-in, key lookup, the background folder).
 *
 * The transaction commits when `work` resolves and rolls back when it throws. Nothing outside the
 * transaction is changed, so it works unchanged behind PgBouncer in transaction mode.
 */
@Injectable()
export class TenantDatabase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(scope: CompanyScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => enterTenant(manager, scope).then(() => work(manager)));
  }
}

/**
 * Makes the transaction `manager` is in a tenant transaction of `scope`'s company. For code that
 * already owns a transaction (and for tests); prefer {@link TenantDatabase.run}.
 */
export async function enterTenant(manager: EntityManager, scope: CompanyScope): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('enterTenant needs a transaction: the settings are local to it');
  }
  await manager.query(`SELECT set_config($1, $2, true), set_config('role', $3, true)`, [
    TENANT_SETTING,
    scope.companyId,
    TENANT_ROLE,
  ]);
}
