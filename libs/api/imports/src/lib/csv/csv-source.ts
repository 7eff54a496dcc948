/**
 * Reading a stored upload as a stream of rows: bytes → text (iconv-lite) → records (csv-parse),
 * with the file line of each record. Nothing is held beyond the parser's buffer. The bytes come
 * from a {@link CsvSource}: the upload's chunks in the database, or a file in tests.
 */
import { parse } from 'csv-parse';
import type { ImportDelimiter, ImportEncoding } from '@crm/shared/contracts';
import * as iconv from 'iconv-lite';
import type { Readable } from 'node:stream';

export interface CsvFormat {
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
}

/** Opens the bytes of a file from its start, once per reading. */
export type CsvSource = () => Readable;

export interface CsvRow {
  /** Line of the file where the record ends (the header is line 1). */
  line: number;
  fields: string[];
}

/** Header names as shown to users: trimmed; blank or repeated names get a position-based name. */
export function normalizeHeader(fields: string[]): string[] {
  const seen = new Set<string>();
  return fields.map((raw, i) => {
    let name = raw.trim() || `Column ${i + 1}`;
    if (seen.has(name)) name = `${name} (${i + 1})`;
    seen.add(name);
    return name;
  });
}

/** Every record of the file, header included, as parsed with `format`. */
export async function* readCsvRecords(source: CsvSource, format: CsvFormat): AsyncGenerator<CsvRow> {
  const file = source();
  const parser = file.pipe(iconv.decodeStream(format.encoding === 'utf-8' ? 'utf8' : 'win1251')).pipe(
    parse({
      delimiter: format.delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: info.lines, fields: record };
    }
  } finally {
    // A reader that stops early (the header, a preview) must not leave the file open.
    file.destroy();
    parser.destroy();
  }
}

/** The header and then the data rows of a file. */
export async function readHeader(source: CsvSource, format: CsvFormat): Promise<string[]> {
  for await (const row of readCsvRecords(source, format)) return normalizeHeader(row.fields);
  return [];
}

/** Data rows (after the header). */
export async function* readDataRows(source: CsvSource, format: CsvFormat): AsyncGenerator<CsvRow> {
  let header = true;
  for await (const row of readCsvRecords(source, format)) {
    if (header) {
      header = false;
      continue;
    }
    yield row;
  }
}

export async function countDataRows(source: CsvSource, format: CsvFormat): Promise<number> {
  let count = 0;
  for await (const row of readDataRows(source, format)) if (row) count++;
  return count;
}
