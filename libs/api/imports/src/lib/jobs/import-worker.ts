/**
 * Imports on the durable job queue (pg-boss, ADR 0006), so that any API process runs what another
 * received. Two queues:
 *
 * - `imports-count` counts an upload's data rows (`rowsTotal`) after it is stored;
 * - `imports-run` runs an import in slices of about {@link SLICE_SECONDS} seconds. A slice ends at
 *   a checkpoint (progress, resume point and the rejected rows, in one transaction) and queues the
 *   next slice under an id derived from the run and the slice number, so two tries that both
 *   queue it queue it once. A process that dies mid-slice leaves its queue job `active`; the queue
 *   expires it and another process retries it from the last checkpoint. Every checkpoint is saved
 *   only where the run still is where this try found it, so a late try never overwrites a newer one.
 */
import { createHash } from 'node:crypto';
import { HttpException, Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CompaniesService } from '@crm/api/companies';
import { APP_CONFIG, type AppConfig, type CompanyScope } from '@crm/api/core';
import { JobQueue, type QueuedJob } from '@crm/api/jobs';
import { countDataRows } from '../csv/csv-source';
import { resolveMapping } from '../mapping/mapping-rules';
import { appendChunks, storedFile } from './import-files';
import { ImportJobsStore } from './import-jobs.store';
import { type Checkpoint, ImportRunner } from './import-runner';

export const COUNT_QUEUE = 'imports-count';
export const RUN_QUEUE = 'imports-run';
/** Longest a slice runs before it checkpoints and hands the rest to the queue. */
export const SLICE_SECONDS = 20;
/** Tries of a slice: the first and retries (a crash, a lost connection); a 4xx fails at once. */
export const RUN_RETRIES = 3;

export const INTERRUPTED =
  'The run was interrupted (the server stopped). Run it again: rows already imported come back unchanged.';

export interface CountJob {
  companyId: string;
  userId: string | null;
  importId: string;
}

export interface RunJob extends CountJob {
  runId: string;
  slice: number;
}

/** The queue job id of a run's slice: the same for every try that queues it. */
export function sliceJobId(runId: string, slice: number): string {
  const hex = createHash('sha256').update(`import-run:${runId}:${slice}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * System boundary (ADR 0001): the scope an import job runs in, from the company and uploader its
 * payload names. The payload was written by `ImportsService` from the request's scope; this is
 * the one place the worker turns it back into one.
 */
const scopeOfImportJob = (job: CountJob): CompanyScope => ({
  companyId: job.companyId,
  userId: job.userId ?? undefined,
});

@Injectable()
export class ImportWorker implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ImportWorker');
  /** Runs of this process, by run id: a cancel that arrives here stops them before the next row. */
  private readonly active = new Map<string, { cancelled: boolean; done: Promise<unknown> }>();
  private stopping = false;

  constructor(
    private readonly store: ImportJobsStore,
    private readonly runner: ImportRunner,
    private readonly queue: JobQueue,
    private readonly companies: CompaniesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A slice must end well before the queue counts it dead. */
  private get sliceMs(): number {
    return Math.min(SLICE_SECONDS, this.config.jobs.reportExpireSeconds / 2) * 1000;
  }

  onModuleInit(): void {
    const expireInSeconds = this.config.jobs.reportExpireSeconds;
    this.queue.define<CountJob>({
      name: COUNT_QUEUE,
      expireInSeconds,
      retryLimit: 2,
      retryDelaySeconds: 1,
      concurrency: 1,
      handler: (job) => this.count(job.data),
    });
    this.queue.define<RunJob>({
      name: RUN_QUEUE,
      expireInSeconds,
      retryLimit: RUN_RETRIES,
      retryDelaySeconds: 1,
      concurrency: 2,
      handler: (job) => this.runSlice(job),
    });
  }

  async queueCount(job: CountJob): Promise<void> {
    await this.queue.send(COUNT_QUEUE, job);
  }

  /** Queues a slice of a run; a slice already queued (by another try) is left as it is. */
  async queueSlice(job: RunJob, startAfterSeconds = 0): Promise<void> {
    await this.queue.sendOnce(
      RUN_QUEUE,
      sliceJobId(job.runId, job.slice),
      job,
      startAfterSeconds > 0 ? { startAfter: startAfterSeconds } : {},
    );
  }

  /** The queue's state of a run's current slice, or null when the queue has no such job. */
  async sliceState(runId: string, slice: number): Promise<string | null> {
    return (await this.queue.state(RUN_QUEUE, sliceJobId(runId, slice)))?.state ?? null;
  }

  /** Stops the run now when it runs in this process (elsewhere it stops at its next checkpoint). */
  cancelHere(runId: string | null): void {
    const run = runId ? this.active.get(runId) : undefined;
    if (run) run.cancelled = true;
  }

  private async count(job: CountJob): Promise<void> {
    const scope = scopeOfImportJob(job);
    const found = await this.store.get(scope, job.importId);
    if (!found) return;
    const upload = () => storedFile(this.store.db, { scope, jobId: job.importId, kind: 'upload' });
    const rows = await countDataRows(upload, { encoding: found.encoding, delimiter: found.delimiter });
    await this.store.setRowsTotal(scope, job.importId, rows);
  }

  private async runSlice(queued: QueuedJob<RunJob>): Promise<void> {
    const data = queued.data;
    const scope = scopeOfImportJob(data);
    const job = await this.store.get(scope, data.importId);
    if (!job || job.status !== 'running' || job.run.runId !== data.runId || job.run.slice < data.slice) return;
    if (job.run.slice > data.slice) {
      // An earlier try saved this slice's end but may have died before queueing the next one.
      await this.queueSlice({ ...data, slice: job.run.slice });
      return;
    }
    if (job.run.cancelRequested) {
      await this.store.finish(scope, job.id, data.runId, 'cancelled', null);
      return;
    }
    if (this.stopping) throw new Error('This API process is stopping; another one takes the import');
    const local = { cancelled: false, done: Promise.resolve() as Promise<unknown> };
    this.active.set(data.runId, local);
    const work = this.runTry(scope, job, data, local, queued);
    local.done = work.catch(() => undefined);
    try {
      await work;
    } finally {
      this.active.delete(data.runId);
    }
  }

  private async runTry(
    scope: CompanyScope,
    job: NonNullable<Awaited<ReturnType<ImportJobsStore['get']>>>,
    data: RunJob,
    local: { cancelled: boolean },
    queued: QueuedJob<RunJob>,
  ): Promise<void> {
    const started = Date.now();
    let seen = { runId: data.runId, slice: job.run.slice, resumeRows: job.run.resumeRows };
    const file = { scope, jobId: job.id, kind: 'rejected' as const };
    try {
      const settings = job.settings ?? { mapping: job.suggestedMapping };
      const mapping = resolveMapping(job.kind, job.columns, settings.mapping, settings.defaultCurrency);
      const timeZone = (await this.companies.get(scope)).timeZone || 'UTC';
      const outcome = await this.runner.run({
        scope,
        job,
        mapping,
        timeZone,
        upload: () => storedFile(this.store.db, { scope, jobId: job.id, kind: 'upload' }),
        resumeRows: job.run.resumeRows,
        isStopping: () => local.cancelled || this.stopping || Date.now() - started > this.sliceMs,
        checkpoint: async (state: Checkpoint) => {
          await this.testDelay();
          const nextSlice = state.end === 'paused' && !local.cancelled ? seen.slice + 1 : seen.slice;
          const status =
            state.end === 'completed'
              ? 'completed'
              : state.end === 'paused' && local.cancelled
                ? 'cancelled'
                : undefined;
          const saved = await this.store.db.run(scope, async (m) => {
            const result = await this.store.checkpoint(m, scope, job.id, seen, {
              progress: state.progress,
              resumeRows: state.resumeRows,
              slice: nextSlice,
              status,
            });
            if (result.saved) await appendChunks(m, file, state.rejected);
            return result;
          });
          if (saved.saved) seen = { ...seen, slice: nextSlice, resumeRows: state.resumeRows };
          return saved;
        },
      });
      if (outcome === 'cancelled') await this.store.finish(scope, job.id, data.runId, 'cancelled', null);
      if (outcome === 'paused' && !local.cancelled) {
        // The rest is the next slice's, on whichever process fetches it first.
        await this.queueSlice({ ...data, slice: seen.slice }, this.stopping ? 2 : 0);
      }
    } catch (error) {
      const permanent = error instanceof HttpException && error.getStatus() < 500;
      const last = queued.retryCount >= queued.retryLimit;
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        `Import ${job.id} try ${queued.retryCount + 1} failed: ${reason}${permanent || last ? '' : ' (will retry)'}`,
      );
      if (!permanent && !last) throw error;
      await this.store.finish(scope, job.id, data.runId, 'failed', reason);
    }
  }

  /**
   * Fault injection for the replicas spec, NODE_ENV=test only: `IMPORTS_TEST_BATCH_DELAY_MS` slows
   * every checkpoint, so a spec can stop an API process in the middle of an import.
   */
  private async testDelay(): Promise<void> {
    if (process.env['NODE_ENV'] !== 'test') return;
    const delay = Number(process.env['IMPORTS_TEST_BATCH_DELAY_MS'] ?? 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }

  /** At shutdown the runs here stop at their next row, save a checkpoint and queue their rest. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.active.values()].map((run) => run.done));
  }
}
