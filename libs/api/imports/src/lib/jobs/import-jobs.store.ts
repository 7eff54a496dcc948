/**
 * Import jobs on disk, one folder per job under `CRM_DATA_DIR/imports/<companyId>/<jobId>/`:
 * the upload (`upload.csv`), the job (`job.json`) and the rejected-rows report (`rejected.csv`).
 * Files rather than a table: an upload can be a gigabyte, and the job is its companion.
 */
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type CompanyScope } from '@crm/api/core';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportJob } from './import-job';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STALE_UPLOAD_MS = 3600_000;

/** Where imports live: `CRM_DATA_DIR/imports`. */
export const importsRoot = (config: AppConfig) => join(config.database.dataDir, 'imports');

/** Where uploads land while they are received, before they belong to a job. */
export const incomingDir = (root: string) => join(root, 'incoming');

@Injectable()
export class ImportJobsStore {
  readonly root: string;
  /** Writes of one job's `job.json`, in order. */
  private readonly saving = new Map<string, Promise<void>>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = importsRoot(config);
  }

  get incomingDir(): string {
    return incomingDir(this.root);
  }

  private dir(companyId: string, jobId: string): string {
    if (!UUID.test(companyId) || !UUID.test(jobId)) throw new Error('Import job ids are UUIDs');
    return join(this.root, companyId, jobId);
  }

  uploadPath(job: Pick<ImportJob, 'companyId' | 'id'>): string {
    return join(this.dir(job.companyId, job.id), 'upload.csv');
  }

  rejectedPath(job: Pick<ImportJob, 'companyId' | 'id'>): string {
    return join(this.dir(job.companyId, job.id), 'rejected.csv');
  }

  /** Creates the job's folder and moves the received upload into it. */
  async create(job: ImportJob, receivedPath: string): Promise<void> {
    await mkdir(this.dir(job.companyId, job.id), { recursive: true });
    await rename(receivedPath, this.uploadPath(job));
    await this.save(job);
  }

  /** Writes `job.json` (atomically: a reader never sees half a file); saves of a job run in order. */
  save(job: ImportJob): Promise<void> {
    const file = join(this.dir(job.companyId, job.id), 'job.json');
    const text = JSON.stringify(job, null, 2);
    const previous = this.saving.get(job.id) ?? Promise.resolve();
    const next = previous.then(async () => {
      await writeFile(`${file}.tmp`, text);
      await rename(`${file}.tmp`, file);
    });
    const settled = next.catch(() => undefined);
    this.saving.set(job.id, settled);
    void settled.then(() => {
      if (this.saving.get(job.id) === settled) this.saving.delete(job.id);
    });
    return next;
  }

  /** The job, or null when the company has no such job (another company's id included). */
  async get(scope: CompanyScope, jobId: string): Promise<ImportJob | null> {
    const { companyId } = scope;
    if (!UUID.test(jobId)) return null;
    const file = join(this.dir(companyId, jobId), 'job.json');
    if (!existsSync(file)) return null;
    const job = JSON.parse(await readFile(file, 'utf8')) as ImportJob;
    return job.companyId === companyId ? job : null;
  }

  /** The company's jobs, newest first. */
  async list(scope: CompanyScope): Promise<ImportJob[]> {
    const dir = join(this.root, scope.companyId);
    if (!UUID.test(scope.companyId) || !existsSync(dir)) return [];
    const jobs = await Promise.all((await readdir(dir)).map((id) => this.get(scope, id)));
    return jobs.filter((job): job is ImportJob => job !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async remove(job: Pick<ImportJob, 'companyId' | 'id'>): Promise<void> {
    await rm(this.dir(job.companyId, job.id), { recursive: true, force: true });
  }

  /** Bytes the company's imports keep on disk (uploads and rejected-rows reports). */
  async usedBytes(scope: CompanyScope): Promise<number> {
    const dir = join(this.root, scope.companyId);
    if (!UUID.test(scope.companyId) || !existsSync(dir)) return 0;
    let total = 0;
    for (const jobId of await readdir(dir)) {
      const files = await readdir(join(dir, jobId)).catch(() => [] as string[]);
      for (const name of files) total += (await stat(join(dir, jobId, name)).catch(() => null))?.size ?? 0;
    }
    return total;
  }

  /** Removes received uploads that never became a job (a request refused after its file arrived). */
  async removeStaleUploads(now = Date.now()): Promise<void> {
    if (!existsSync(this.incomingDir)) return;
    for (const name of await readdir(this.incomingDir)) {
      const path = join(this.incomingDir, name);
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs > STALE_UPLOAD_MS) await rm(path, { force: true });
    }
  }
}
