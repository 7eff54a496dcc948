/**
 * Runs an import: streams the upload row by row (from its chunks in the database), builds records,
 * and sends them in batches through the same upsert services as the integration API
 * (ClientsWriter / SalesWriter), each batch in its own transaction, each followed by a checkpoint.
 * Memory holds one batch, whatever the size of the file.
 */
import { Injectable } from '@nestjs/common';
import { ClientsWriter } from '@crm/api/clients';
import type { CompanyScope } from '@crm/api/core';
import { SalesWriter } from '@crm/api/sales';
import type { BatchResultResponse } from '@crm/shared/contracts';
import { type CsvSource, readDataRows } from '../csv/csv-source';
import type { ResolvedMapping } from '../mapping/mapping-rules';
import { RecordBuilder, type SourceRecord } from '../mapping/records';
import type { ImportJob } from './import-job';
import { RejectedRowsWriter } from './rejected-rows';

/** Records per upsert call: small enough for short transactions and a lively progress bar. */
export const RECORDS_PER_BATCH = 1000;
/** Sales with many item lines close a batch early. */
export const ROWS_PER_BATCH = 20_000;

/** The upsert names other items of a batch by position; the report names them by file line. */
export function inFileTerms(errors: readonly string[], batch: readonly SourceRecord[]): string[] {
  return errors.map((error) =>
    error.replace(/item (\d+) of this batch/, (text, index: string) => {
      const line = batch[Number(index)]?.lines[0];
      return line === undefined ? text : `line ${line} of the file`;
    }),
  );
}

/** How a run's checkpoint ends: more to come, the file done, or stopped early (`isStopping`). */
export type CheckpointEnd = 'more' | 'completed' | 'paused';

export interface Checkpoint {
  progress: ImportJob['progress'];
  /** Data rows done for good: a resumed run skips them. */
  resumeRows: number;
  /** The rejected rows written since the last checkpoint (report bytes to append). */
  rejected: Buffer;
  end: CheckpointEnd;
}

export interface ImportRun {
  scope: CompanyScope;
  job: ImportJob;
  mapping: ResolvedMapping;
  timeZone: string;
  upload: CsvSource;
  /** Data rows done by earlier tries or slices (their progress is in `job.progress`). */
  resumeRows: number;
  /** Asked before each row: true stops the run after saving what is done. */
  isStopping: () => boolean;
  /** Saves progress and report rows together; `saved: false` means another try owns the job now. */
  checkpoint: (state: Checkpoint) => Promise<{ saved: boolean; cancelRequested: boolean }>;
}

/** How a run (or a slice of it) ended. */
export type RunOutcome = 'completed' | 'paused' | 'cancelled' | 'superseded';

@Injectable()
export class ImportRunner {
  constructor(
    private readonly clients: ClientsWriter,
    private readonly sales: SalesWriter,
  ) {}

  private upsert(run: ImportRun, records: SourceRecord[]): Promise<BatchResultResponse> {
    const items = records.map((r) => r.record);
    return run.job.kind === 'clients'
      ? this.clients.upsertBatch(run.scope, items)
      : this.sales.upsertBatch(run.scope, items);
  }

  /**
   * Imports the job's upload from `resumeRows` on; after each batch a checkpoint saves the progress
   * and the batch's rejected rows, so another process can resume from there.
   */
  async run(run: ImportRun): Promise<RunOutcome> {
    const { job } = run;
    const builder = new RecordBuilder(run.mapping, job.columns.length, run.timeZone);
    const rejected = new RejectedRowsWriter(job.columns, job.delimiter, job.progress.rejectedRows);
    let batch: SourceRecord[] = [];
    let batchRows = 0;
    const refused: { record: SourceRecord; errors: readonly string[] }[] = [];
    let halted: RunOutcome | null = null;
    job.progress.rowsDone = run.resumeRows;

    /** Sends the batch, then writes its refused records (found while reading or by the upsert) in file order. */
    const flush = async (end: CheckpointEnd) => {
      const sent = batch;
      batch = [];
      batchRows = 0;
      if (sent.length > 0) {
        const result = await this.upsert(run, sent);
        job.progress.created += result.created;
        job.progress.updated += result.updated;
        job.progress.unchanged += result.unchanged;
        job.progress.failed += result.failed.length;
        for (const failure of result.failed) {
          refused.push({ record: sent[failure.index], errors: inFileTerms(failure.errors, sent) });
        }
      }
      refused.sort((a, b) => a.record.lines[0] - b.record.lines[0]);
      for (const { record, errors } of refused.splice(0)) rejected.reject(record, errors);
      job.progress.rejectedRows = rejected.rows;
      const saved = await run.checkpoint({
        progress: { ...job.progress },
        resumeRows: job.progress.rowsDone - builder.pendingRows,
        rejected: rejected.take(),
        end,
      });
      if (!saved.saved) halted = 'superseded';
      else if (saved.cancelRequested && end === 'more') halted = 'cancelled';
    };
    const take = async (records: SourceRecord[]) => {
      for (const record of records) {
        if (record.errors.length > 0) {
          job.progress.failed++;
          refused.push({ record, errors: record.errors });
        } else {
          batch.push(record);
          batchRows += record.rows.length;
        }
      }
      if (batch.length >= RECORDS_PER_BATCH || batchRows >= ROWS_PER_BATCH || refused.length >= RECORDS_PER_BATCH)
        await flush('more');
    };

    let skip = run.resumeRows;
    let paused = false;
    for await (const row of readDataRows(run.upload, { encoding: job.encoding, delimiter: job.delimiter })) {
      if (skip > 0) {
        skip--;
        continue;
      }
      if (run.isStopping()) {
        paused = true;
        break;
      }
      job.progress.rowsDone++;
      await take(builder.push(row));
      if (halted) return halted;
    }
    if (!paused) await take(builder.finish());
    if (halted) return halted;
    await flush(paused ? 'paused' : 'completed');
    return halted ?? (paused ? 'paused' : 'completed');
  }
}
