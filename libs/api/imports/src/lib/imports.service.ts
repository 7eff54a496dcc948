/**
 * Import jobs of a company: upload (stored on disk, encoding, separator and columns detected),
 * preview, run in the background, progress, cancel, and the rejected-rows report.
 */
import { ConflictException, Injectable, Logger, NotFoundException, type OnModuleDestroy } from '@nestjs/common';
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
import { existsSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { countDataRows, readHeader } from './csv/csv-source';
import { decodeSample, detectDelimiter, detectEncoding } from './csv/detect';
import { previewImport } from './imports-preview';
import { emptyProgress, type ImportJob, toJobResponse } from './jobs/import-job';
import { ImportJobsStore } from './jobs/import-jobs.store';
import { ImportQuota } from './jobs/import-quota';
import { ImportRunner } from './jobs/import-runner';
import type { StoredUpload } from './jobs/upload-storage';
import { resolveMapping } from './mapping/mapping-rules';
import { suggestMapping } from './mapping/suggest-mapping';

const SAMPLE_BYTES = 64 * 1024;
const INTERRUPTED =
  'The run was interrupted (the server stopped). Run it again: rows already imported come back unchanged.';

async function readHead(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

interface ActiveRun {
  cancelled: boolean;
  done: Promise<void>;
}

@Injectable()
export class ImportsService implements OnModuleDestroy {
  private readonly logger = new Logger(ImportsService.name);
  /** Jobs being counted or run: the one in-memory copy that progress is written to. */
  private readonly live = new Map<string, ImportJob>();
  private readonly runs = new Map<string, ActiveRun>();
  private stopping = false;

  constructor(
    private readonly store: ImportJobsStore,
    private readonly runner: ImportRunner,
    private readonly companies: CompaniesService,
    private readonly quota: ImportQuota,
    private readonly tenantDb: TenantDatabase,
  ) {}

  async upload(scope: CompanyScope, kind: ImportKind, file: StoredUpload | undefined): Promise<ImportJobResponse> {
    if (!file)
      throw new InvalidInputException([{ field: 'file', messages: ['a CSV file is required'], codes: ['isDefined'] }]);
    void this.store.removeStaleUploads().catch(() => undefined);
    await this.quota.assertFits(scope, file.size).catch(async (error: unknown) => {
      await rm(file.path, { force: true });
      throw error;
    });
    const head = await readHead(file.path);
    const encoding = detectEncoding(head);
    const delimiter = detectDelimiter(decodeSample(head, encoding));
    const columns = await readHeader(file.path, { encoding, delimiter }).catch(() => []);
    if (columns.length === 0) {
      await rm(file.path, { force: true });
      throw new InvalidInputException(
        [{ field: 'file', messages: ['the file has no header row'] }],
        'Not a CSV file',
        'not_a_csv_file',
      );
    }
    const job: ImportJob = {
      id: randomUUID(),
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
    };
    await this.store.create(job, file.path);
    this.countRows(job);
    return toJobResponse(job);
  }

  /** Counts the data rows in the background; `rowsTotal` stays null until done. */
  private countRows(job: ImportJob): void {
    this.live.set(job.id, job);
    countDataRows(this.store.uploadPath(job), { encoding: job.encoding, delimiter: job.delimiter })
      .then(async (rows) => {
        job.rowsTotal = rows;
        await this.store.save(job);
      })
      .catch((error: unknown) => this.logger.warn(`Could not count the rows of import ${job.id}: ${String(error)}`))
      .finally(() => {
        if (!this.runs.has(job.id)) this.live.delete(job.id);
      });
  }

  private async find(scope: CompanyScope, id: string): Promise<ImportJob> {
    const live = this.live.get(id);
    if (live && live.companyId === scope.companyId) return live;
    const job = await this.store.get(scope, id);
    if (!job) throw new NotFoundException(coded('import_not_found', 'Import not found'));
    if (job.status === 'running') {
      // Saved as running but not running here: the process that ran it stopped.
      job.status = 'failed';
      job.error = INTERRUPTED;
      await this.store.save(job);
    }
    return job;
  }

  async get(scope: CompanyScope, id: string): Promise<ImportJobResponse> {
    return toJobResponse(await this.find(scope, id));
  }

  async list(scope: CompanyScope): Promise<ImportJobResponse[]> {
    const jobs = await this.store.list(scope);
    return jobs.map((job) => toJobResponse(this.live.get(job.id) ?? job));
  }

  private async timeZone(scope: CompanyScope): Promise<string> {
    return (await this.companies.get(scope)).timeZone || 'UTC';
  }

  async preview(scope: CompanyScope, id: string, dto: PreviewImportDto): Promise<ImportPreviewResponse> {
    const job = await this.find(scope, id);
    const mapping = resolveMapping(job.kind, job.columns, dto.mapping, dto.defaultCurrency);
    const path = this.store.uploadPath(job);
    const rows = dto.rows ?? IMPORT_PREVIEW_DEFAULT_ROWS;
    return previewImport(this.tenantDb, scope, job, path, mapping, await this.timeZone(scope), rows);
  }

  async run(scope: CompanyScope, id: string, dto: RunImportDto): Promise<ImportJobResponse> {
    const job = await this.find(scope, id);
    if (this.runs.has(job.id)) throw new ConflictException(coded('import_running', 'This import is already running'));
    const mapping = resolveMapping(job.kind, job.columns, dto.mapping, dto.defaultCurrency);
    const timeZone = await this.timeZone(scope);
    Object.assign(job, {
      status: 'running',
      mapping: dto.mapping,
      progress: emptyProgress(),
      error: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    } satisfies Partial<ImportJob>);
    await this.store.save(job);
    this.live.set(job.id, job);
    const active: ActiveRun = { cancelled: false, done: Promise.resolve() };
    active.done = this.runner
      .run({ scope, job, mapping, timeZone, isCancelled: () => active.cancelled })
      .then(() => {
        job.status = this.stopping ? 'failed' : active.cancelled ? 'cancelled' : 'completed';
        if (this.stopping) job.error = INTERRUPTED;
      })
      .catch((error: unknown) => {
        job.status = 'failed';
        job.error = error instanceof Error ? error.message : String(error);
        this.logger.warn(`Import ${job.id} failed: ${job.error}`);
      })
      .then(async () => {
        job.finishedAt = new Date().toISOString();
        await this.store.save(job);
      })
      .finally(() => {
        this.runs.delete(job.id);
        this.live.delete(job.id);
      });
    this.runs.set(job.id, active);
    return toJobResponse(job);
  }

  async cancel(scope: CompanyScope, id: string): Promise<ImportJobResponse> {
    const job = await this.find(scope, id);
    const active = this.runs.get(job.id);
    if (!active) throw new ConflictException(coded('import_not_running', 'This import is not running'));
    active.cancelled = true;
    await active.done;
    return toJobResponse(job);
  }

  /** The path of the rejected-rows report; 404 before a run has written one. */
  async rejectedReport(
    scope: CompanyScope,
    id: string,
  ): Promise<{ path: string; fileName: string; delimiter: string }> {
    const job = await this.find(scope, id);
    const path = this.store.rejectedPath(job);
    if (job.status === 'uploaded' || !existsSync(path))
      throw new NotFoundException(coded('import_report_not_ready', 'This import has no report yet'));
    return { path, fileName: `rejected-${job.fileName.replace(/\.csv$/i, '')}.csv`, delimiter: job.delimiter };
  }

  async remove(scope: CompanyScope, id: string): Promise<void> {
    const job = await this.find(scope, id);
    if (this.runs.has(job.id)) throw new ConflictException(coded('import_running', 'Cancel the running import first'));
    await this.store.remove(job);
  }

  /** Stops running imports at shutdown; their jobs say how far they got. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    for (const run of this.runs.values()) run.cancelled = true;
    await Promise.all([...this.runs.values()].map((run) => run.done));
  }
}
