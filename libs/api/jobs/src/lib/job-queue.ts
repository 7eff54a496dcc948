/**
 * The durable job queue: pg-boss 10 (jobs in the database's `pgboss` schema, so a job outlives the
 * process that queued or ran it). pg-boss runs its SQL through the API's own TypeORM pool (the
 * `db` adapter below) instead of a pool of its own: on the embedded PGlite, which is one session,
 * every connection is one more client interleaving on the socket server, and on a server it keeps
 * the connection budget in one place (`DB_POOL_SIZE`). Workers poll (LISTEN/NOTIFY does not cross
 * PGlite connections); each statement is short and none runs inside another transaction.
 *
 * A job that was running when its process died stays `active` until its expiry
 * (`expireInSeconds`), then the maintenance loop fails it and it is retried (`retryLimit`); a
 * process stopping gracefully fails its running jobs at once, so they are retried at the next start.
 */
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

type PgBossClass = typeof import('pg-boss');
type PgBoss = InstanceType<PgBossClass>;
type Job<T> = import('pg-boss').Job<T>;
type SendOptions = import('pg-boss').SendOptions;
// pg-boss is CommonJS with `export =`; the libraries compile without esModuleInterop.
const PgBossConstructor = require('pg-boss') as PgBossClass;

export interface JobQueueOptions {
  /** Seconds between polls of each worker. */
  pollingSeconds: number;
  /** Seconds between maintenance passes (expiring dead jobs, archiving). */
  maintenanceSeconds: number;
  /** Whether this process runs workers (an API may only enqueue). */
  workers: boolean;
}

export const JOB_QUEUE_OPTIONS = Symbol('JOB_QUEUE_OPTIONS');

export interface QueueDefinition<T extends object> {
  name: string;
  /** How long a job may run before it counts as dead (and is retried). */
  expireInSeconds: number;
  retryLimit: number;
  retryDelaySeconds: number;
  /** Jobs one worker of this process runs at a time. */
  concurrency: number;
  handler: (job: QueuedJob<T>) => Promise<void>;
}

export interface QueuedJob<T> {
  id: string;
  data: T;
  /** Tries so far before this one (0 on the first run). */
  retryCount: number;
  retryLimit: number;
}

export interface JobState {
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  output: unknown;
}

interface PgResult {
  rows: unknown[];
  rowCount?: number | null;
}

/** pg-boss's `db` adapter over the TypeORM pool: one pooled connection per statement, the raw pg result. */
export function dataSourceAdapter(dataSource: DataSource) {
  return {
    async executeSql(text: string, values?: unknown[]): Promise<PgResult> {
      const runner = dataSource.createQueryRunner();
      try {
        await runner.connect();
        const client = (
          runner as unknown as { databaseConnection: { query(t: string, v?: unknown[]): Promise<unknown> } }
        ).databaseConnection;
        const result = (await client.query(text, values && values.length > 0 ? values : undefined)) as
          PgResult | PgResult[];
        // A multi-statement text (pg-boss's locked commands) answers one result per statement.
        return Array.isArray(result) ? (result[result.length - 1] ?? { rows: [] }) : result;
      } finally {
        await runner.release();
      }
    },
  };
}

@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly boss: PgBoss;
  private readonly queues: QueueDefinition<object>[] = [];
  private started: Promise<void> | undefined;
  /** Ids of this process's workers per queue: woken at once when this process queues a job. */
  private readonly workers = new Map<string, string[]>();

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(JOB_QUEUE_OPTIONS) private readonly options: JobQueueOptions,
  ) {
    this.boss = new PgBossConstructor({
      db: dataSourceAdapter(dataSource),
      schema: 'pgboss',
      migrate: true,
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: options.maintenanceSeconds,
    } as ConstructorParameters<PgBossClass>[0]);
    this.boss.on('error', (error: Error) => this.logger.warn(`Job queue: ${error.message}`));
  }

  /** Declares a queue and its handler; call before the application has started (onModuleInit). */
  define<T extends object>(queue: QueueDefinition<T>): void {
    this.queues.push(queue as unknown as QueueDefinition<object>);
  }

  onApplicationBootstrap(): Promise<void> {
    this.started ??= this.start();
    return this.started;
  }

  private async start(): Promise<void> {
    await this.boss.start();
    for (const queue of this.queues) {
      const existing = await this.boss.getQueue(queue.name);
      const settings = {
        name: queue.name,
        expireInSeconds: queue.expireInSeconds,
        retryLimit: queue.retryLimit,
        retryDelay: queue.retryDelaySeconds,
      };
      if (existing) await this.boss.updateQueue(queue.name, settings);
      else await this.boss.createQueue(queue.name, settings);
      if (!this.options.workers) continue;
      for (let i = 0; i < queue.concurrency; i++) {
        const workerId = await this.boss.work<object>(
          queue.name,
          { pollingIntervalSeconds: this.options.pollingSeconds, batchSize: 1, includeMetadata: true },
          async (jobs: Job<object>[]) => {
            for (const job of jobs) {
              const meta = job as unknown as { retryCount?: number; retryLimit?: number };
              await queue.handler({
                id: job.id,
                data: job.data,
                retryCount: meta.retryCount ?? 0,
                retryLimit: meta.retryLimit ?? queue.retryLimit,
              });
            }
          },
        );
        this.workers.set(queue.name, [...(this.workers.get(queue.name) ?? []), workerId]);
      }
    }
  }

  /** Queues a job; resolves with its id. Never call inside an open transaction on the embedded database. */
  async send<T extends object>(queue: string, data: T, options: SendOptions = {}): Promise<string> {
    await (this.started ??= this.start());
    const id = await this.boss.send(queue, data, options);
    if (!id) throw new Error(`The job queue refused a job of ${queue}`);
    // A worker of this process fetches now instead of at its next poll (others poll as usual).
    for (const workerId of this.workers.get(queue) ?? []) this.boss.notifyWorker(workerId);
    return id;
  }

  /**
   * Queues a job under an id of the caller's choosing (a UUID); null when the queue already holds a
   * job with that id. For a chain of jobs where two tries may both queue the next link: one wins.
   */
  async sendOnce<T extends object>(
    queue: string,
    id: string,
    data: T,
    options: SendOptions = {},
  ): Promise<string | null> {
    await (this.started ??= this.start());
    const sent = await this.boss.send(queue, data, { ...options, id } as SendOptions);
    if (sent) for (const workerId of this.workers.get(queue) ?? []) this.boss.notifyWorker(workerId);
    return sent;
  }

  /** The state of a job, or null when it is gone (archived long ago). */
  async state(queue: string, id: string): Promise<JobState | null> {
    await (this.started ??= this.start());
    const job = await this.boss.getJobById(queue, id);
    return job ? { state: job.state as JobState['state'], output: job.output } : null;
  }

  /**
   * Stops polling and fails the jobs still running here, so they are retried at the next start.
   * Before the application shuts down: the database connections are still open.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    await this.boss.stop({ graceful: false, close: false, wait: true, timeout: 5000 });
  }
}
