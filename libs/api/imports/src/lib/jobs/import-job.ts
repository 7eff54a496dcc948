/** An import job as stored in its folder (`job.json`) and as answered. */
import type { ImportJobResponse } from '@crm/shared/contracts';

export interface ImportJob extends ImportJobResponse {
  companyId: string;
  /** Who uploaded it (the writes are made in their name). */
  userId: string | null;
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
