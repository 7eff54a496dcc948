/**
 * XLSX with exceljs's streaming writer: a sheet of KPIs, then one sheet per table; numbers as
 * numbers, dates as dates, money with a money format, shares as percentages, the header row frozen
 * and filtered. Rows are read and committed page by page, so memory holds one page.
 */
import * as ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { monthName, type ReportColumnResponse, type ReportLanguage } from '@crm/shared/contracts';
import type { Cell } from '../generation/report-draft';
import { COLUMN_LABELS, KPI_LABELS, label, TABLE_LABELS, VALUE_LABELS } from '../labels';
import type { ExportSource } from './export-source';

const CODED = new Set(['status', 'segment', 'kind', 'reason', 'action']);
export const MONEY_FORMAT = '#,##0.00';
export const RATIO_FORMAT = '0.0%';
export const DATE_FORMAT = 'yyyy-mm-dd';

function sheetName(text: string, used: Set<string>): string {
  const base =
    text
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

function value(column: ReportColumnResponse, cell: Cell, lang: ReportLanguage): unknown {
  if (cell === null || cell === undefined) return null;
  if (column.key === 'month' && typeof cell === 'number' && cell >= 1 && cell <= 12) return monthName(cell, lang);
  if (column.key === 'metric') return label(KPI_LABELS, String(cell), lang);
  if (CODED.has(column.key)) return label(VALUE_LABELS, String(cell), lang);
  switch (column.type) {
    case 'money':
    case 'number':
    case 'integer':
    case 'ratio':
      return Number(cell);
    case 'date':
      return new Date(`${String(cell)}T00:00:00Z`);
    default:
      return String(cell);
  }
}

function format(column: ReportColumnResponse): string | undefined {
  if (column.key === 'month') return undefined;
  switch (column.type) {
    case 'money':
      return MONEY_FORMAT;
    case 'ratio':
      return RATIO_FORMAT;
    case 'integer':
      return '#,##0';
    case 'number':
      return '#,##0.00';
    case 'date':
      return DATE_FORMAT;
    default:
      return undefined;
  }
}

export async function writeXlsx(source: ExportSource, out: Writable, isClosed: () => boolean): Promise<void> {
  const { result, lang } = source;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const used = new Set<string>();
  const header = (sheet: ExcelJS.Worksheet, count: number) => {
    sheet.getRow(1).font = { bold: true };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: count } };
  };

  const kpis = workbook.addWorksheet(sheetName(label(TABLE_LABELS, 'kpis', lang), used), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  kpis.columns = ['key', 'value', 'previous', 'change'].map((key) => ({
    header: label(COLUMN_LABELS, key, lang),
    key,
    width: key === 'key' ? 32 : 18,
  }));
  header(kpis, 4);
  for (const k of result.summary.kpis) {
    const row = kpis.addRow([
      label(KPI_LABELS, k.key, lang),
      k.value === null ? null : Number(k.value),
      k.previous === null ? null : Number(k.previous),
      k.change,
    ]);
    const fmt = k.kind === 'money' ? MONEY_FORMAT : k.kind === 'ratio' ? RATIO_FORMAT : '#,##0.##';
    row.getCell(2).numFmt = fmt;
    row.getCell(3).numFmt = fmt;
    row.getCell(4).numFmt = RATIO_FORMAT;
    row.commit();
  }
  kpis.commit();

  for (const table of result.tables) {
    if (isClosed()) break;
    const sheet = workbook.addWorksheet(sheetName(label(TABLE_LABELS, table.key, lang), used), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = table.columns.map((c) => ({
      header: label(COLUMN_LABELS, c.key, lang),
      key: c.key,
      width: c.type === 'client' ? 38 : c.type === 'text' ? 30 : 16,
      style: format(c) ? { numFmt: format(c) } : {},
    }));
    header(sheet, table.columns.length);
    for await (const page of source.rows(table)) {
      if (isClosed()) break;
      for (const cells of page) {
        sheet.addRow(table.columns.map((c, i) => value(c, cells[i], lang))).commit();
      }
    }
    sheet.commit();
  }
  await workbook.commit();
}
