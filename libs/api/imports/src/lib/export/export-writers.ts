/**
 * Writing export rows to an HTTP response as they are read: CSV for a locale (see
 * `EXPORT_LOCALES`) or XLSX (streamed by exceljs, numbers and dates as real cells).
 */
import type { ExportLocale } from '@crm/shared/contracts';
import * as ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { csvLine, UTF8_BOM } from '../csv/csv-text';
import type { ExportColumn } from './export-columns';

export interface CsvDialect {
  delimiter: string;
  decimalMark: string;
}

/** Russian Excel: `;` and a decimal comma; English Excel: `,` and a decimal point. */
export const CSV_DIALECTS: Record<ExportLocale, CsvDialect> = {
  ru: { delimiter: ';', decimalMark: ',' },
  en: { delimiter: ',', decimalMark: '.' },
};

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export async function writeCsv<R>(
  out: Writable,
  columns: readonly ExportColumn<R>[],
  pages: AsyncIterable<R[]>,
  dialect: CsvDialect,
  isClosed: () => boolean,
): Promise<void> {
  await write(
    out,
    UTF8_BOM +
      csvLine(
        columns.map((c) => c.header),
        dialect.delimiter,
      ),
  );
  for await (const rows of pages) {
    if (isClosed()) return;
    const text = rows
      .map((row) =>
        csvLine(
          columns.map((column) => {
            const value = column.value(row);
            return column.kind === 'money' && typeof value === 'string'
              ? value.replace('.', dialect.decimalMark)
              : value;
          }),
          dialect.delimiter,
        ),
      )
      .join('');
    await write(out, text);
  }
  out.end();
}

/** `2011-06-01 10:15:00` (company wall time) as a Date whose UTC fields are that wall time, as Excel shows it. */
function wallTime(text: string): Date {
  const [date, time = '00:00:00'] = text.split(' ');
  return new Date(`${date}T${time}Z`);
}

const moneyFormat = (digits: number) => (digits > 0 ? `#,##0.${'0'.repeat(digits)}` : '#,##0');

export async function writeXlsx<R>(
  out: Writable,
  sheetName: string,
  columns: readonly ExportColumn<R>[],
  pages: AsyncIterable<R[]>,
  isClosed: () => boolean,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.header,
    width: c.width,
    style: c.kind === 'time' ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for await (const rows of pages) {
    if (isClosed()) break;
    for (const row of rows) {
      const added = sheet.addRow(
        columns.map((column) => {
          const value = column.value(row);
          if (value === null) return null;
          if (column.kind === 'time') return wallTime(String(value));
          if (column.kind === 'money') return Number(value);
          return value;
        }),
      );
      columns.forEach((column, i) => {
        if (column.kind === 'money' && column.digits) added.getCell(i + 1).numFmt = moneyFormat(column.digits(row));
      });
      added.commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}
