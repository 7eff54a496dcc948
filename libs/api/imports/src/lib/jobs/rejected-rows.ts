/**
 * The rejected-rows report: the refused rows as they were in the file (so they can be fixed and
 * uploaded again with the same mapping), plus the line number and the reasons. UTF-8 with BOM and
 * the upload's own separator, so it opens in the same Excel that wrote the upload.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvLine, UTF8_BOM } from '../csv/csv-text';
import type { SourceRecord } from '../mapping/records';

export const REJECTED_LINE_COLUMN = 'import line';
export const REJECTED_ERRORS_COLUMN = 'import errors';

export class RejectedRowsWriter {
  private readonly out: WriteStream;
  rows = 0;

  constructor(
    path: string,
    private readonly header: readonly string[],
    private readonly delimiter: string,
  ) {
    this.out = createWriteStream(path);
    this.out.write(UTF8_BOM + csvLine([...header, REJECTED_LINE_COLUMN, REJECTED_ERRORS_COLUMN], delimiter));
  }

  /** Writes every row of the record with the record's reasons; waits when the disk is behind. */
  async reject(record: SourceRecord, errors: readonly string[]): Promise<void> {
    const reasons = errors.join('; ');
    for (let i = 0; i < record.rows.length; i++) {
      const fields = this.header.map((_, column) => record.rows[i][column] ?? '');
      this.rows++;
      if (!this.out.write(csvLine([...fields, record.lines[i], reasons], this.delimiter)))
        await once(this.out, 'drain');
    }
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}
