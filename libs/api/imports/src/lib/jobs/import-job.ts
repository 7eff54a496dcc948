/** An import job as stored in `import_jobs` and as answered. */
import type { ImportJobResponse, RunImportDto } from '@crm/shared/contracts';

/** What a run was asked for (the mapping and the default currency), kept for the worker that runs it. */
export type StoredSettings = Pick<RunImportDto, 'mapping' | 'defaultCurrency'>;

/** Where a run is: which run, which slice of it, and the data rows already done for good. */
export interface ImportRunState {
  runId: string | null;
  slice: number;
  resumeRows: number;
  cancelRequested: boolean;
  updatedAt: Date;
}

export interface ImportJob extends ImportJobResponse {
  companyId: string;
  /** Who uploaded it (the writes are made in their name). */
  userId: string | null;
  settings: StoredSettings | null;
  run: ImportRunState;
}

export const emptyProgress = (): ImportJob['progress'] => ({
  rowsDone: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
  rejectedRows: 0,
});

export function toJobResponse(job: ImportJob): ImportJobResponse {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    fileName: job.fileName,
    sizeBytes: job.sizeBytes,
    encoding: job.encoding,
    delimiter: job.delimiter,
    columns: job.columns,
    suggestedMapping: job.suggestedMapping,
    mapping: job.mapping,
    rowsTotal: job.rowsTotal,
    progress: { ...job.progress },
    error: job.error,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}
