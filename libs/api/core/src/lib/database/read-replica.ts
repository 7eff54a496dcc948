import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { CompanyScope } from '../security/request-context';
import { SafeTypeOrmLogger } from './safe-typeorm-logger';

/** Which pool answered a read. */
export type ReadPool = 'primary' | 'replica';

/** Why a read went where it went (the `reason` label of `crm_db_reads_total`). */
export type ReadReason = 'caught-up' | 'behind' | 'replica-down' | 'not-a-replica' | 'primary-required';

/** Where a read runs: the data source and the pool's name. */
export interface ReadRoute {
  dataSource: DataSource;
  pool: ReadPool;
}

/** `16/B374D848` → 0x16B374D848: a WAL position as a number, for comparing. */
export function parseLsn(lsn: string): bigint {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(lsn.trim());
  if (!match) throw new Error(`Not a WAL position: ${lsn}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/**
 * The routing decision. The replica may answer a company's read when it has replayed the WAL at least
 * up to `needed` (the position after the company's last write, or the primary's current position when
 * no write of the company is recorded): every transaction that committed before that position is then
 * visible to a new snapshot on the replica. `replayed` null: the server is not in recovery (not a
 * streaming replica, or promoted), so nothing says it follows the primary — read from the primary.
 */
export function replicaMayServe(replayed: string | null, needed: string): boolean {
  if (replayed === null) return false;
  return parseLsn(replayed) >= parseLsn(needed);
}

/**
 * The optional streaming read replica (`DATABASE_READ_URL`) and read-your-writes over it.
 *
 * Writes go to the primary. `TenantDatabase.run` records, right after the COMMIT of a tenant
 * transaction that wrote, the primary's WAL insert position in `company_write_positions` (a
 * company's row, a system path run as the owner) — a position past that commit. Before a read,
 * {@link route} reads that row on the primary (a primary-key probe) and compares it with the
 * replica's replay position (`pg_last_wal_replay_lsn()`): the replica answers only when it has
 * replayed the company's last write, else the primary does, so a company never reads older data
 * than it has written, whatever the replica's lag and whichever API process took the write. A
 * company with no recorded write (created moments ago through a global path) needs the replica to
 * have replayed the primary's current position.
 *
 * The replay position only grows, so the last one seen is kept and asked again only when it is not
 * far enough. A replica that fails sends reads to the primary (and health shows it down) until it
 * answers again. Tenancy is the same on both: reads enter the tenant with `enterTenantSql` on
 * whichever connection they get, and the replica has the primary's roles and policies.
 */
@Injectable()
export class ReadReplica implements OnModuleDestroy {
  private readonly logger = new Logger('ReadReplica');
  private replica?: DataSource;
  private connecting?: Promise<DataSource | undefined>;
  private retryAt = 0;
  private replayed: string | null = null;
  private lastError?: string;
  /** Reads by pool and reason; registered on `GET /api/metrics` by the metrics service. */
  readonly reads = new Counter<'pool' | 'reason'>({
    name: 'crm_db_reads_total',
    help: 'Analytics reads by the pool that answered (primary or replica) and why',
    labelNames: ['pool', 'reason'],
    registers: [],
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly primary: DataSource,
  ) {}

  /** Whether a replica is configured (and so whether writes are recorded). */
  get enabled(): boolean {
    return Boolean(this.config.database.readUrl);
  }

  /**
   * Records the company's write position after a committed write. Runs on `runner`'s connection
   * outside any transaction; costs one statement, only when a replica is configured.
   */
  async recordWrite(query: (sql: string, params: unknown[]) => Promise<unknown>, scope: CompanyScope): Promise<void> {
    await query(
      `INSERT INTO company_write_positions (company_id, lsn) VALUES ($1, pg_current_wal_insert_lsn())
       ON CONFLICT (company_id) DO UPDATE SET lsn = greatest(company_write_positions.lsn, EXCLUDED.lsn)`,
      [scope.companyId],
    );
  }

  /**
   * Where `scope`'s company's next read runs: the replica when it has replayed the company's last write,
   * else the primary. `primaryRequired`: the caller has just written on the primary itself (a fold)
   * and reads what it wrote.
   */
  async route(scope: CompanyScope, options: { primaryRequired?: boolean } = {}): Promise<ReadRoute> {
    if (!this.enabled) return { dataSource: this.primary, pool: 'primary' };
    if (options.primaryRequired) return this.answer('primary', 'primary-required');
    const replica = await this.connect();
    if (!replica) return this.answer('primary', 'replica-down');
    try {
      const [row] = (await this.primary.query(
        `SELECT coalesce((SELECT lsn FROM company_write_positions WHERE company_id = $1), pg_current_wal_insert_lsn())::text AS lsn`,
        [scope.companyId],
      )) as { lsn: string }[];
      if (!replicaMayServe(this.replayed, row.lsn)) {
        this.replayed = await this.replayPosition(replica);
        if (this.replayed === null) return this.answer('primary', 'not-a-replica');
        if (!replicaMayServe(this.replayed, row.lsn)) return this.answer('primary', 'behind');
      }
      return this.answer('replica', 'caught-up', replica);
    } catch (error) {
      this.failed(error);
      return this.answer('primary', 'replica-down');
    }
  }

  /** For health: `up` (and how far behind the primary, in bytes), `down`, or not configured. */
  async status(): Promise<{ state: 'up' | 'down'; lagBytes?: number } | undefined> {
    if (!this.enabled) return undefined;
    const replica = await this.connect(true);
    if (!replica) return { state: 'down' };
    try {
      const replayed = await this.replayPosition(replica);
      if (replayed === null) return { state: 'down' };
      this.replayed = replayed;
      const [row] = (await this.primary.query(`SELECT pg_current_wal_lsn()::text AS lsn`)) as { lsn: string }[];
      const lag = parseLsn(row.lsn) - parseLsn(replayed);
      return { state: 'up', lagBytes: Number(lag > 0n ? lag : 0n) };
    } catch (error) {
      this.failed(error);
      return { state: 'down' };
    }
  }

  async onModuleDestroy(): Promise<void> {
    const replica = this.replica;
    this.replica = undefined;
    if (replica?.isInitialized) await replica.destroy();
  }

  private answer(pool: ReadPool, reason: ReadReason, replica?: DataSource): ReadRoute {
    this.reads.inc({ pool, reason });
    return { dataSource: pool === 'replica' && replica ? replica : this.primary, pool };
  }

  private async replayPosition(replica: DataSource): Promise<string | null> {
    const [row] = (await replica.query(`SELECT pg_last_wal_replay_lsn()::text AS lsn`)) as { lsn: string | null }[];
    return row?.lsn ?? null;
  }

  private failed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (message !== this.lastError) this.logger.warn(`Read replica unavailable, reading from the primary: ${message}`);
    this.lastError = message;
    this.replayed = null;
    this.retryAt = Date.now() + 5_000;
  }

  /** The replica's pool, connected on first use; after a failure, tried again 5 s later. */
  private async connect(now = false): Promise<DataSource | undefined> {
    if (this.replica?.isInitialized) return this.replica;
    if (!now && Date.now() < this.retryAt) return undefined;
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<DataSource | undefined> {
    const db = this.config.database;
    const dataSource = new DataSource({
      type: 'postgres',
      url: db.readUrl,
      synchronize: false,
      extra: {
        max: db.poolSize,
        connectionTimeoutMillis: db.poolWaitMs,
        ...(db.statementTimeoutMs > 0 ? { statement_timeout: db.statementTimeoutMs } : {}),
      },
      logger: new SafeTypeOrmLogger(this.config.logLevel === 'debug' || this.config.logLevel === 'verbose'),
    });
    try {
      await dataSource.initialize();
      this.replica = dataSource;
      this.lastError = undefined;
      this.logger.log('Read replica connected');
      return dataSource;
    } catch (error) {
      this.failed(error);
      return undefined;
    }
  }
}
