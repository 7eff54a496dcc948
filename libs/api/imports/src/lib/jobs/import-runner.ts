/**
 * Runs an import: streams the upload row by row, builds records, and sends them in batches
 * through the same upsert services as the integration API (ClientsWriter / SalesWriter), each
 * batch in its own transaction. Memory holds one batch, whatever the size of the file.
 */
import { Injectable } from '@nestjs/common';
import { ClientsWriter } from '@crm/api/clients';
import type { CompanyScope } from '@crm/api/core';
import { SalesWriter } from '@crm/api/sales';
import type { BatchResultResponse } from '@crm/shared/contracts';
import { readDataRows } from '../csv/csv-source';
import type { ResolvedMapping } from '../mapping/mapping-rules';
import { RecordBuilder, type SourceRecord } from '../mapping/records';
import type { ImportJob } from './import-job';
import { ImportJobsStore } from './import-jobs.store';
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

export interface ImportRun {
  scope: CompanyScope;
  job: ImportJob;
  mapping: ResolvedMapping;
  timeZone: string;
  isCancelled: () => boolean;
}

@Injectable()
export class ImportRunner {
  constructor(
    private readonly clients: ClientsWriter,
    private readonly sales: SalesWriter,
    private readonly store: ImportJobsStore,
  ) {}

  private upsert(run: ImportRun, records: SourceRecord[]): Promise<BatchResultResponse> {
    const items = records.map((r) => r.record);
    return run.job.kind === 'clients'
      ? this.clients.upsertBatch(run.scope, items)
      : this.sales.upsertBatch(run.scope, items);
  }

  /** Imports every row of the job's upload; progress is saved after each batch. */
  async run(run: ImportRun): Promise<void> {
    const { job } = run;
    const builder = new RecordBuilder(run.mapping, job.columns.length, run.timeZone);
    const rejected = new RejectedRowsWriter(this.store.rejectedPath(job), job.columns, job.delimiter);
    let batch: SourceRecord[] = [];
    let batchRows = 0;
    const refused: { record: SourceRecord; errors: readonly string[] }[] = [];

    /** Sends the batch, then writes its refused records (found while reading or by the upsert) in file order. */
    const flush = async () => {
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
      for (const { record, errors } of refused.splice(0)) await rejected.reject(record, errors);
      job.progress.rejectedRows = rejected.rows;
      await this.store.save(job);
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
        await flush();
    };

    try {
      const path = this.store.uploadPath(job);
      for await (const row of readDataRows(path, { encoding: job.encoding, delimiter: job.delimiter })) {
        if (run.isCancelled()) break;
        job.progress.rowsDone++;
        await take(builder.push(row));
      }
      if (!run.isCancelled()) await take(builder.finish());
      await flush();
    } finally {
      job.progress.rejectedRows = rejected.rows;
      await rejected.close();
    }
  }
}
