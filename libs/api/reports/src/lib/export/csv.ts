/**
 * CSV: UTF-8 with a BOM, RFC 4180 quoting, CRLF lines, and the separator of the list exports for
 * the language (`;` and a decimal comma for Russian Excel, `,` and a point for English). One table
 * is one CSV file; several are a zip of CSV files, streamed entry by entry.
 */
const archiver = require('archiver') as typeof import('archiver');
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { monthName, type ReportColumnResponse, type ReportLanguage } from '@crm/shared/contracts';
import type { Cell } from '../generation/report-draft';
import { COLUMN_LABELS, KPI_LABELS, label, VALUE_LABELS } from '../labels';
import type { StoredTable } from '../reports.store';
import type { ExportSource } from './export-source';

export const UTF8_BOM = '\uFEFF';
export const CSV_DIALECTS: Record<ReportLanguage, { delimiter: string; decimalMark: string }> = {
  ru: { delimiter: ';', decimalMark: ',' },
  en: { delimiter: ',', decimalMark: '.' },
};
const CODED = new Set(['status', 'segment', 'kind', 'reason', 'action']);

export function csvField(value: string | number | null | undefined, delimiter: string): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) || /^\s|\s$/.test(text)
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

const line = (fields: (string | number | null)[], delimiter: string) =>
  `${fields.map((f) => csvField(f, delimiter)).join(delimiter)}\r\n`;

function text(column: ReportColumnResponse, cell: Cell, lang: ReportLanguage): string | number | null {
  if (cell === null || cell === undefined) return null;
  if (column.key === 'month' && typeof cell === 'number' && cell >= 1 && cell <= 12) return monthName(cell, lang);
  if (column.key === 'metric') return label(KPI_LABELS, String(cell), lang);
  if (CODED.has(column.key)) return label(VALUE_LABELS, String(cell), lang);
  if (['money', 'number', 'ratio'].includes(column.type))
    return String(cell).replace('.', CSV_DIALECTS[lang].decimalMark);
  return cell;
}

/** One table as CSV text, chunk by chunk. */
async function* tableCsv(source: ExportSource, table: StoredTable): AsyncGenerator<string> {
  const { delimiter } = CSV_DIALECTS[source.lang];
  yield (
    UTF8_BOM +
    line(
      table.columns.map((c) => label(COLUMN_LABELS, c.key, source.lang)),
      delimiter,
    )
  );
  for await (const page of source.rows(table)) {
    yield page
      .map((cells) =>
        line(
          table.columns.map((c, i) => text(c, cells[i], source.lang)),
          delimiter,
        ),
      )
      .join('');
  }
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export const csvIsZip = (source: ExportSource) => source.result.tables.length !== 1;

export async function writeCsv(source: ExportSource, out: Writable, isClosed: () => boolean): Promise<void> {
  const tables = source.result.tables;
  if (!csvIsZip(source)) {
    for await (const chunk of tableCsv(source, tables[0])) {
      if (isClosed()) break;
      await write(out, chunk);
    }
    out.end();
    return;
  }
  const zip = archiver('zip', { zlib: { level: 6 } });
  const done = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('finish', resolve);
    zip.on('error', reject);
  });
  zip.pipe(out);
  for (const [i, table] of tables.entries()) {
    const name = `${String(i + 1).padStart(2, '0')}-${table.key}.csv`;
    zip.append(Readable.from(tableCsv(source, table), { objectMode: false }), { name });
  }
  await zip.finalize();
  await done;
}
