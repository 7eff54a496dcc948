/**
 * Import jobs of a company: upload (stored in the database in chunks, encoding, separator and
 * columns detected), preview, run on the job queue (any API process), progress, cancel, and the
 * rejected-rows report. Every answer is read from `import_jobs`, never from a process's memory.
 */
import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { CompaniesService } from '@crm/api/companies';
import { type CompanyScope, InvalidInputException, TenantDatabase } from '@crm/api/core';
import {
  coded,
  IMPORT_PREVIEW_DEFAULT_ROWS,
  type ImportJobResponse,
  type ImportKind,
  type ImportPreviewResponse,
  type PreviewImportDto,
  type RunImportDto,
} from '@crm/shared/contracts';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { readHeader } from './csv/csv-source';
import { decodeSample, detectDelimiter, detectEncoding } from './csv/detect';
import { previewImport } from './imports-preview';
import { type FileRef, readHead, storedFile } from './jobs/import-files';
import { emptyProgress, type ImportJob, toJobResponse } from './jobs/import-job';
import { ImportJobsStore } from './jobs/import-jobs.store';
import { ImportQuota } from './jobs/import-quota';
import { ImportWorker, INTERRUPTED } from './jobs/import-worker';
import { rejectedHeader } from './jobs/rejected-rows';
import type { StoredUpload } from './jobs/upload-storage';
import { resolveMapping } from './mapping/mapping-rules';
import { suggestMapping } from './mapping/suggest-mapping';

const SAMPLE_BYTES = 64 * 1024;
/** How long a cancel waits for the run to stop (it stops after its current batch). */
const CANCEL_WAIT_MS = 30_000;
/** A running job whose current slice the queue does not know after this long was never queued. */
const UNQUEUED_MS = 60_000;

const notFound = () => new NotFoundException(coded('import_not_found', 'Import not found'));

@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    private readonly store: ImportJobsStore,
    private readonly worker: ImportWorker,
    private readonly companies: CompaniesService,
    private readonly quota: ImportQuota,
    private readonly tenantDb: TenantDatabase,
  ) {}

  private file(scope: CompanyScope, jobId: string, kind: FileRef['kind']): FileRef {
    return { scope, jobId, kind };
  }

  async upload(scope: CompanyScope, kind: ImportKind, file: StoredUpload | undefined): Promise<ImportJobResponse> {
    if (!file)
      throw new InvalidInputException([{ field: 'file', messages: ['a CSV file is required'], codes: ['isDefined'] }]);
    try {
      // Uploads received at the same time may together have outgrown the room.
      await this.quota.assertFits(scope, file.size, file.jobId);
      const upload = this.file(scope, file.jobId, 'upload');
      const head = await readHead(this.tenantDb, upload, SAMPLE_BYTES);
      const encoding = detectEncoding(head);
      const delimiter = detectDelimiter(decodeSample(head, encoding));
      const columns = await readHeader(() => storedFile(this.tenantDb, upload), { encoding, delimiter }).catch(
        () => [],
      );
      if (columns.length === 0) {
        throw new InvalidInputException(
          [{ field: 'file', messages: ['the file has no header row'] }],
          'Not a CSV file',
          'not_a_csv_file',
        );
      }
      const job = await this.store.finishUpload(scope, {
        id: file.jobId,
        companyId: scope.companyId,
        userId: scope.userId ?? null,
        kind,
        status: 'uploaded',
        fileName: file.originalname,
        sizeBytes: file.size,
        encoding,
        delimiter,
        columns,
        suggestedMapping: suggestMapping(kind, columns),
        mapping: null,
        rowsTotal: null,
        progress: emptyProgress(),
        error: null,
        createdAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        settings: null,
        run: { runId: null, slice: 0, resumeRows: 0, cancelRequested: false, updatedAt: new Date() },
      });
      if (!job) throw notFound();
      await this.worker
        .queueCount({ companyId: scope.companyId, userId: scope.userId ?? null, importId: job.id })
        .catch((error: unknown) =>
          this.logger.warn(`Could not queue the row count of import ${job.id}: ${String(error)}`),
        );
      return toJobResponse(job);
    } catch (error) {
      await this.store.discard(scope, file.jobId).catch(() => undefined);
      throw error;
    }
  }

  /**
   * The job; a job still `running` whose slice the queue gave up on (its processes died and the
   * retries are spent) is failed here, with the reason.
   */
  private async find(scope: CompanyScope, id: string): Promise<ImportJob> {
    const job = await this.store.get(scope, id);
    if (!job) throw notFound();
    if (job.status !== 'running' || !job.run.runId) return job;
    const state = await this.worker.sliceState(job.run.runId, job.run.slice);
    const unqueued = state === null && Date.now() - job.run.updatedAt.getTime() > UNQUEUED_MS;
    if (state === 'failed' || state === 'cancelled' || unqueued) {
      await this.store.finish(scope, id, job.run.runId, 'failed', INTERRUPTED);
      return (await this.store.get(scope, id)) ?? job;
    }
    return job;
  }

  async get(scope: CompanyScope, id: string): Promise<ImportJobResponse> {
    return toJobResponse(await this.find(scope, id));
  }

  async list(scope: CompanyScope): Promise<ImportJobResponse[]> {
    return (await this.store.list(scope)).map(toJobResponse);
  }

  private async timeZone(scope: CompanyScope): Promise<string> {
    return (await this.companies.get(scope)).timeZone || 'UTC';
  }

  async preview(scope: CompanyScope, id: string, dto: PreviewImportDto): Promise<ImportPreviewResponse> {
    const job = await this.find(scope, id);
    const mapping = resolveMapping(job.kind, job.columns, dto.mapping, dto.defaultCurrency);
    const upload = () => storedFile(this.tenantDb, this.file(scope, job.id, 'upload'));
    const rows = dto.rows ?? IMPORT_PREVIEW_DEFAULT_ROWS;
    return previewImport(this.tenantDb, scope, job, upload, mapping, await this.timeZone(scope), rows);
  }

  async run(scope: CompanyScope, id: string, dto: RunImportDto): Promise<ImportJobResponse> {
    const job = await this.find(scope, id);
    if (job.status === 'running')
      throw new ConflictException(coded('import_running', 'This import is already running'));
    // Bad mappings answer 400 here, before anything is queued.
    resolveMapping(job.kind, job.columns, dto.mapping, dto.defaultCurrency);
    const runId = randomUUID();
    const started = await this.store.startRun(
      scope,
      id,
      runId,
      { mapping: dto.mapping, defaultCurrency: dto.defaultCurrency },
      emptyProgress(),
      rejectedHeader(job.columns, job.delimiter),
    );
    if (!started) throw new ConflictException(coded('import_running', 'This import is already running'));
    try {
      await this.worker.queueSlice({
        companyId: scope.companyId,
        userId: started.userId ?? scope.userId ?? null,
        importId: id,
        runId,
        slice: 0,
      });
    } catch (error) {
      this.logger.error(`Queueing import ${id} failed: ${(error as Error).message}`);
      await this.store.finish(scope, id, runId, 'failed', 'The job queue could not take the import; try again.');
      return toJobResponse((await this.store.get(scope, id)) ?? started);
    }
    return toJobResponse(started);
  }

  async cancel(scope: CompanyScope, id: string): Promise<ImportJobResponse> {
    const job = await this.find(scope, id);
    if (!(await this.store.requestCancel(scope, id)))
      throw new ConflictException(coded('import_not_running', 'This import is not running'));
    this.worker.cancelHere(job.run.runId);
    const runId = job.run.runId;
    if (runId) {
      // Not yet taken by any process: nobody else will stop it.
      const state = await this.worker.sliceState(runId, job.run.slice);
      if (state === 'created' || state === 'retry') await this.store.finish(scope, id, runId, 'cancelled', null);
    }
    const deadline = Date.now() + CANCEL_WAIT_MS;
    for (;;) {
      const current = await this.store.get(scope, id);
      if (!current) throw notFound();
      if (current.status !== 'running' || Date.now() > deadline) return toJobResponse(current);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The rejected-rows report as a byte stream; 404 before a run has written one. */
  async rejectedReport(
    scope: CompanyScope,
    id: string,
  ): Promise<{ stream: () => Readable; fileName: string; delimiter: string }> {
    const job = await this.find(scope, id);
    if (job.status === 'uploaded' || !(await this.store.hasReport(scope, id)))
      throw new NotFoundException(coded('import_report_not_ready', 'This import has no report yet'));
    return {
      stream: () => storedFile(this.tenantDb, this.file(scope, id, 'rejected')),
      fileName: `rejected-${job.fileName.replace(/\.csv$/i, '')}.csv`,
      delimiter: job.delimiter,
    };
  }

  async remove(scope: CompanyScope, id: string): Promise<void> {
    await this.find(scope, id);
    if (!(await this.store.remove(scope, id)))
      throw new ConflictException(coded('import_running', 'Cancel the running import first'));
  }
}
