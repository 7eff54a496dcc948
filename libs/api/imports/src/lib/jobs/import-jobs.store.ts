/**
 * Import jobs in the database (`import_jobs`, a tenant table): what any API process needs to answer
 * for a job, run it or resume it. Their files are in `import_files` (see `import-files.ts`).
 * Every read and write goes through the tenant transaction of the job's company, so another
 * company's id finds nothing.
 */
import { Injectable } from '@nestjs/common';
import { type CompanyScope, TenantDatabase } from '@crm/api/core';
import type { EntityManager } from 'typeorm';
import type { ImportJob, ImportRunState, StoredSettings } from './import-job';

/** Uploads still `receiving` after this long belong to a request that died: their bytes are removed. */
const STALE_RECEIVING = '1 hour';

interface JobRow {
  id: string;
  company_id: string;
  user_id: string | null;
  kind: ImportJob['kind'] | null;
  status: ImportJob['status'] | 'receiving';
  file_name: string;
  size_bytes: string;
  encoding: ImportJob['encoding'] | null;
  delimiter: ImportJob['delimiter'] | null;
  columns: string[];
  suggested_mapping: ImportJob['suggestedMapping'] | null;
  settings: StoredSettings | null;
  rows_total: string | null;
  progress: ImportJob['progress'];
  error: string | null;
  run_id: string | null;
  slice: number;
  resume_rows: string;
  cancel_requested: boolean;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
}

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

function toJob(row: JobRow): ImportJob {
  return {
    id: row.id,
    companyId: row.company_id,
    userId: row.user_id,
    kind: row.kind ?? 'clients',
    status: row.status === 'receiving' ? 'uploaded' : row.status,
    fileName: row.file_name,
    sizeBytes: Number(row.size_bytes),
    encoding: row.encoding ?? 'utf-8',
    delimiter: row.delimiter ?? ',',
    columns: row.columns,
    suggestedMapping: row.suggested_mapping ?? {},
    mapping: row.settings?.mapping ?? null,
    rowsTotal: row.rows_total === null ? null : Number(row.rows_total),
    progress: row.progress,
    error: row.error,
    createdAt: iso(row.created_at) as string,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    settings: row.settings,
    run: {
      runId: row.run_id,
      slice: row.slice,
      resumeRows: Number(row.resume_rows),
      cancelRequested: row.cancel_requested,
      updatedAt: new Date(row.updated_at),
    },
  };
}

const SELECT = `SELECT * FROM import_jobs`;

@Injectable()
export class ImportJobsStore {
  constructor(readonly db: TenantDatabase) {}

  /** A job row for an upload being received: it holds the bytes (and counts against the limit) from the first chunk. */
  async startReceiving(scope: CompanyScope, id: string, fileName: string): Promise<void> {
    await this.db.run(scope, async (m) => {
      // Uploads of this company whose request died long ago: their chunks go with them.
      await m.query(
        `DELETE FROM import_jobs WHERE company_id = $1 AND status = 'receiving' AND created_at < now() - interval '${STALE_RECEIVING}'`,
        [scope.companyId],
      );
      await m.query(
        `INSERT INTO import_jobs (company_id, id, user_id, status, file_name, progress)
         VALUES ($1, $2, $3, 'receiving', $4, '{}'::jsonb)`,
        [scope.companyId, id, scope.userId ?? null, fileName],
      );
    });
  }

  /** Makes a received upload a job, with what was detected. */
  async finishUpload(scope: CompanyScope, job: ImportJob): Promise<ImportJob | null> {
    const rows = (await this.db.run(scope, (m) =>
      m.query(
        `UPDATE import_jobs SET status = 'uploaded', kind = $3, size_bytes = $4, encoding = $5, delimiter = $6,
                columns = $7::jsonb, suggested_mapping = $8::jsonb, progress = $9::jsonb, updated_at = now()
          WHERE company_id = $1 AND id = $2 AND status = 'receiving'
          RETURNING *`,
        [
          scope.companyId,
          job.id,
          job.kind,
          job.sizeBytes,
          job.encoding,
          job.delimiter,
          JSON.stringify(job.columns),
          JSON.stringify(job.suggestedMapping),
          JSON.stringify(job.progress),
        ],
      ),
    )) as unknown;
    const found = returned(rows) as JobRow[];
    return found[0] ? toJob(found[0]) : null;
  }

  /** The job, or null when the company has no such job (another company's id included). */
  async get(scope: CompanyScope, id: string): Promise<ImportJob | null> {
    return this.db.run(scope, (m) => this.read(m, scope, id));
  }

  async read(m: EntityManager, scope: CompanyScope, id: string): Promise<ImportJob | null> {
    const rows = (await m.query(`${SELECT} WHERE company_id = $1 AND id = $2 AND status <> 'receiving'`, [
      scope.companyId,
      id,
    ])) as JobRow[];
    return rows[0] ? toJob(rows[0]) : null;
  }

  /** The company's jobs, newest first. */
  async list(scope: CompanyScope): Promise<ImportJob[]> {
    const rows = (await this.db.run(scope, (m) =>
      m.query(`${SELECT} WHERE company_id = $1 AND status <> 'receiving' ORDER BY created_at DESC, id DESC`, [
        scope.companyId,
      ]),
    )) as JobRow[];
    return rows.map(toJob);
  }

  async setRowsTotal(scope: CompanyScope, id: string, rows: number): Promise<void> {
    await this.db.run(scope, (m) =>
      m.query(`UPDATE import_jobs SET rows_total = $3 WHERE company_id = $1 AND id = $2`, [scope.companyId, id, rows]),
    );
  }

  /**
   * Starts a run: a new run id, progress from zero, the previous report dropped. Null when the job
   * is already running (or gone).
   */
  async startRun(
    scope: CompanyScope,
    id: string,
    runId: string,
    settings: StoredSettings,
    progress: ImportJob['progress'],
    reportHeader: Buffer,
  ): Promise<ImportJob | null> {
    return this.db.run(scope, async (m) => {
      const rows = returned(
        await m.query(
          `UPDATE import_jobs SET status = 'running', settings = $4::jsonb, progress = $5::jsonb, error = NULL,
                  run_id = $3, slice = 0, resume_rows = 0, cancel_requested = false,
                  started_at = now(), finished_at = NULL, updated_at = now()
            WHERE company_id = $1 AND id = $2 AND status IN ('uploaded', 'completed', 'failed', 'cancelled')
            RETURNING *`,
          [scope.companyId, id, runId, JSON.stringify(settings), JSON.stringify(progress)],
        ),
      ) as JobRow[];
      if (!rows[0]) return null;
      await m.query(`DELETE FROM import_files WHERE company_id = $1 AND job_id = $2 AND kind = 'rejected'`, [
        scope.companyId,
        id,
      ]);
      await m.query(
        `INSERT INTO import_files (company_id, job_id, kind, seq, data) VALUES ($1, $2, 'rejected', 0, $3)`,
        [scope.companyId, id, reportHeader],
      );
      return toJob(rows[0]);
    });
  }

  /**
   * Saves a run's checkpoint, only if the run is still where this worker left it (same run, slice
   * and resume point): otherwise another try has moved on and the caller stops. Answers whether
   * it was saved and whether a cancel was asked for.
   */
  async checkpoint(
    m: EntityManager,
    scope: CompanyScope,
    id: string,
    seen: Pick<ImportRunState, 'runId' | 'slice' | 'resumeRows'>,
    next: {
      progress: ImportJob['progress'];
      resumeRows: number;
      slice: number;
      status?: 'completed' | 'cancelled' | 'failed';
      error?: string;
    },
  ): Promise<{ saved: boolean; cancelRequested: boolean }> {
    const rows = returned(
      await m.query(
        `UPDATE import_jobs
            SET progress = $6::jsonb, resume_rows = $7, slice = $8, updated_at = now(),
                status = coalesce($9, status), error = coalesce($10, error),
                finished_at = CASE WHEN $9::text IS NULL THEN finished_at ELSE now() END
          WHERE company_id = $1 AND id = $2 AND status = 'running' AND run_id = $3 AND slice = $4 AND resume_rows = $5
          RETURNING cancel_requested`,
        [
          scope.companyId,
          id,
          seen.runId,
          seen.slice,
          seen.resumeRows,
          JSON.stringify(next.progress),
          next.resumeRows,
          next.slice,
          next.status ?? null,
          next.error ?? null,
        ],
      ),
    ) as { cancel_requested: boolean }[];
    return { saved: rows.length > 0, cancelRequested: rows[0]?.cancel_requested ?? false };
  }

  /** Ends a running run with `status` (and `error`) whatever its checkpoint. */
  async finish(
    scope: CompanyScope,
    id: string,
    runId: string,
    status: 'completed' | 'cancelled' | 'failed',
    error: string | null,
  ): Promise<void> {
    await this.db.run(scope, (m) =>
      m.query(
        `UPDATE import_jobs SET status = $4, error = $5, finished_at = now(), updated_at = now()
          WHERE company_id = $1 AND id = $2 AND run_id = $3 AND status = 'running'`,
        [scope.companyId, id, runId, status, error],
      ),
    );
  }

  /** Asks the running job to stop; false when it is not running. */
  async requestCancel(scope: CompanyScope, id: string): Promise<boolean> {
    const rows = returned(
      await this.db.run(scope, (m) =>
        m.query(
          `UPDATE import_jobs SET cancel_requested = true WHERE company_id = $1 AND id = $2 AND status = 'running' RETURNING id`,
          [scope.companyId, id],
        ),
      ),
    );
    return rows.length > 0;
  }

  /** Deletes the job and its files; false when it is running (or gone). */
  async remove(scope: CompanyScope, id: string): Promise<boolean> {
    const rows = returned(
      await this.db.run(scope, (m) =>
        m.query(`DELETE FROM import_jobs WHERE company_id = $1 AND id = $2 AND status <> 'running' RETURNING id`, [
          scope.companyId,
          id,
        ]),
      ),
    );
    return rows.length > 0;
  }

  /** Removes an upload that never became a job (refused, or its request failed). */
  async discard(scope: CompanyScope, id: string): Promise<void> {
    await this.db.run(scope, (m) =>
      m.query(`DELETE FROM import_jobs WHERE company_id = $1 AND id = $2 AND status = 'receiving'`, [
        scope.companyId,
        id,
      ]),
    );
  }

  /** Whether the job has a stored rejected-rows report. */
  async hasReport(scope: CompanyScope, id: string): Promise<boolean> {
    const rows = (await this.db.run(scope, (m) =>
      m.query(`SELECT 1 FROM import_files WHERE company_id = $1 AND job_id = $2 AND kind = 'rejected' AND seq = 0`, [
        scope.companyId,
        id,
      ]),
    )) as unknown[];
    return rows.length > 0;
  }

  /** Bytes the company's imports keep (uploads, those being received included, and reports), but `except`'s. */
  async usedBytes(scope: CompanyScope, except: string | null = null): Promise<number> {
    const [row] = (await this.db.run(scope, (m) =>
      m.query(
        `SELECT coalesce(sum(octet_length(data)), 0)::bigint AS used FROM import_files
          WHERE company_id = $1 AND ($2::uuid IS NULL OR job_id <> $2::uuid)`,
        [scope.companyId, except],
      ),
    )) as { used: string }[];
    return Number(row?.used ?? 0);
  }
}

/** UPDATE/DELETE … RETURNING answers `[rows, count]` through TypeORM's postgres driver. */
function returned(result: unknown): unknown[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as unknown[];
  return result as unknown[];
}
