/**
 * The rejected-rows report: the refused rows as they were in the file (so they can be fixed and
 * uploaded again with the same mapping), plus the line number and the reasons. UTF-8 with BOM and
 * the upload's own separator, so it opens in the same Excel that wrote the upload.
 */
import type { ReportLanguage } from '@crm/shared/contracts';
import { Transform, type Readable } from 'node:stream';
import { csvLine, UTF8_BOM } from '../csv/csv-text';
import type { SourceRecord } from '../mapping/records';

export const REJECTED_LINE_COLUMN = 'import line';
export const REJECTED_ERRORS_COLUMN = 'import errors';

/** The names of the two added columns, by the language the report is downloaded in. */
export const REJECTED_COLUMNS: Record<ReportLanguage, readonly [string, string]> = {
  en: [REJECTED_LINE_COLUMN, REJECTED_ERRORS_COLUMN],
  ru: ['строка файла', 'причины отказа'],
};

/**
 * The stored report with its two added columns named in `language`: only the header line's end is
 * rewritten, every row goes out byte for byte.
 */
export function readRejectedRows(stored: Readable, delimiter: string, language: ReportLanguage): Readable {
  if (language === 'en') return stored;
  const english = csvLine(['', ...REJECTED_COLUMNS.en], delimiter);
  const localized = csvLine(['', ...REJECTED_COLUMNS[language]], delimiter);
  let head: Buffer | null = Buffer.alloc(0);
  const rename = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (head === null) return done(null, chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\n');
      if (end < 0) return done();
      const line = head.subarray(0, end + 1).toString('utf8');
      const rest = head.subarray(end + 1);
      head = null;
      const renamed = line.endsWith(english) ? line.slice(0, -english.length) + localized : line;
      done(null, Buffer.concat([Buffer.from(renamed, 'utf8'), rest]));
    },
    flush(done) {
      done(null, head && head.length > 0 ? head : undefined);
    },
  });
  stored.on('error', (error) => rename.destroy(error));
  return stored.pipe(rename);
}

/** The report's first bytes: the BOM and the header with the two added columns. */
export function rejectedHeader(header: readonly string[], delimiter: string): Buffer {
  return Buffer.from(UTF8_BOM + csvLine([...header, REJECTED_LINE_COLUMN, REJECTED_ERRORS_COLUMN], delimiter), 'utf8');
}

/**
 * Collects the rejected rows of one batch; the runner stores them (`take`) with the batch's
 * checkpoint, so the stored report always matches the saved progress.
 */
export class RejectedRowsWriter {
  private lines: string[] = [];

  constructor(
    private readonly header: readonly string[],
    private readonly delimiter: string,
    /** Rows already in the stored report (a resumed run). */
    public rows = 0,
  ) {}

  /** Adds every row of the record with the record's reasons. */
  reject(record: SourceRecord, errors: readonly string[]): void {
    const reasons = errors.join('; ');
    for (let i = 0; i < record.rows.length; i++) {
      const fields = this.header.map((_, column) => record.rows[i][column] ?? '');
      this.rows++;
      this.lines.push(csvLine([...fields, record.lines[i], reasons], this.delimiter));
    }
  }

  /** The rows added since the last call, as bytes. */
  take(): Buffer {
    const bytes = Buffer.from(this.lines.join(''), 'utf8');
    this.lines = [];
    return bytes;
  }
}
