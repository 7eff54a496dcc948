import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CompanyScope } from '../security/request-context';
import { cancelOnRequestAbort } from './request-cancellation';
import { ReadReplica, type ReadPool } from './read-replica';

/** The role every tenant transaction runs as: not the tables' owner, so row-level security applies. */
export const TENANT_ROLE = 'crm_tenant';
/** The transaction-local setting the `tenant` policies compare `company_id` with. */
export const TENANT_SETTING = 'app.company_id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TenantEntryOptions {
  /**
   * An advisory lock to take, shared, in the same statement that enters the tenant (e.g. the
   * company's write lock, `companyWritesLockName`): one round trip instead of two.
   */
  sharedLock?: string;
}

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
 * transaction is changed, so it works unchanged behind PgBouncer in transaction mode. Opening it costs
 * one round trip: `START TRANSACTION` and the settings (and `sharedLock`) go in one simple query.
 *
 * With a read replica configured (`DATABASE_READ_URL`), a transaction that wrote records the
 * company's WAL position after its COMMIT (see {@link ReadReplica}): one statement more before the
 * COMMIT (did it write?) and one after it when it did. `read` runs read-only work where
 * {@link ReadReplica.route} sends it.
 */
@Injectable()
export class TenantDatabase {
  private readonly logger = new Logger('TenantDatabase');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly replica?: ReadReplica,
  ) {}

  /**
   * Runs read-only `work` in a READ ONLY tenant transaction of `scope`'s company, on the read
   * replica when it has replayed the company's last write, else on the primary (no replica
   * configured: always the primary). Row-level security applies the same on both. `setup` is extra
   * SQL for the transaction's first round trip (e.g. `SET LOCAL jit = off`).
   */
  async read<T>(
    scope: CompanyScope,
    work: (manager: EntityManager, pool: ReadPool) => Promise<T>,
    options: { isolation?: 'READ COMMITTED' | 'REPEATABLE READ'; setup?: string; primaryRequired?: boolean } = {},
  ): Promise<T> {
    const route = this.replica
      ? await this.replica.route(scope, { primaryRequired: options.primaryRequired })
      : { dataSource: this.dataSource, pool: 'primary' as const };
    const runner = route.dataSource.createQueryRunner();
    await runner.connect();
    const stopWatching = cancelOnRequestAbort(runner);
    try {
      try {
        await runner.query(
          `BEGIN ISOLATION LEVEL ${options.isolation ?? 'READ COMMITTED'} READ ONLY; ${options.setup ? `${options.setup}; ` : ''}${enterTenantSql(scope)}`,
        );
      } catch (error) {
        // As in `run`: the transaction may have begun before the settings failed; never pool it half-open.
        stopWatching();
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      try {
        const result = await work(runner.manager, route.pool);
        stopWatching();
        await runner.query('COMMIT');
        return result;
      } catch (error) {
        // A cancel must not reach the ROLLBACK: the connection would go back to the pool mid-transaction.
        stopWatching();
        await runner.query('ROLLBACK');
        throw error;
      }
    } finally {
      stopWatching();
      await runner.release();
    }
  }

  async run<T>(
    scope: CompanyScope,
    work: (manager: EntityManager) => Promise<T>,
    options: TenantEntryOptions = {},
  ): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      try {
        await runner.query(`START TRANSACTION; ${enterTenantSql(scope, options)}`);
      } catch (error) {
        // The transaction may have started before the settings failed: never pool it half-open.
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      // What `startTransaction()` would have recorded, so TypeORM commits, rolls back and nests as usual.
      Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
      let result: T;
      let recordWrite = false;
      try {
        result = await work(runner.manager);
        // Did the transaction write (has it an xid)? Asked only when a replica is configured.
        if (this.replica?.enabled) {
          const [row] = (await runner.query(`SELECT pg_current_xact_id_if_assigned() IS NOT NULL AS wrote`)) as {
            wrote: boolean;
          }[];
          recordWrite = row?.wrote === true;
        }
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
      await runner.commitTransaction();
      if (recordWrite && this.replica) {
        // After the COMMIT, so the recorded position is past the commit record. The write stands
        // whatever happens here; a failure only risks one stale read from a lagging replica.
        await this.replica
          .recordWrite((sql, params) => runner.query(sql, params), scope)
          .catch((error: unknown) =>
            this.logger.error(`Could not record the company's write position: ${(error as Error).message}`),
          );
      }
      return result;
    } finally {
      await runner.release();
    }
  }
}

/**
 * The statement that makes the current transaction a tenant transaction of `scope`'s company, with
 * the values inlined so that it can follow `BEGIN …;` in one simple query (the company id is checked
 * to be a UUID, the lock name is quoted). Prefer {@link TenantDatabase.run} or {@link enterTenant}.
 */
export function enterTenantSql(scope: CompanyScope, options: TenantEntryOptions = {}): string {
  if (!UUID.test(scope.companyId)) throw new Error('A tenant transaction needs a company id (a UUID)');
  const lock = options.sharedLock
    ? `, pg_advisory_xact_lock_shared(hashtextextended(${quote(options.sharedLock)}, 0))`
    : '';
  return `SELECT set_config('${TENANT_SETTING}', '${scope.companyId}', true), set_config('role', '${TENANT_ROLE}', true)${lock}`;
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Makes the transaction `manager` is in a tenant transaction of `scope`'s company. For code that
 * already owns a transaction (and for tests); prefer {@link TenantDatabase.run}. Entering again
 * with the same scope changes nothing.
 */
export async function enterTenant(
  manager: EntityManager,
  scope: CompanyScope,
  options: TenantEntryOptions = {},
): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('enterTenant needs a transaction: the settings are local to it');
  }
  await manager.query(enterTenantSql(scope, options));
}
