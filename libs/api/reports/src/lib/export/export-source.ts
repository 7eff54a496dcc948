import type { ReportLanguage } from '@crm/shared/contracts';
import type { Cell } from '../generation/report-draft';
import type { ReportRow, SnapshotRow, StoredResult, StoredTable } from '../reports.store';

/** What every export format reads: the report, its snapshot, and its tables' rows page by page. */
export interface ExportSource {
  report: ReportRow;
  snapshot: SnapshotRow;
  result: StoredResult;
  lang: ReportLanguage;
  /** The table's rows in order, a page at a time (each page its own short read). */
  rows(table: StoredTable, limit?: number): AsyncIterable<Cell[][]>;
}

/** `sales-overview_2025-01-01_2025-12-31.pdf`, or the report's own title when it was given one. */
export function exportFileName(source: ExportSource, extension: string): string {
  const { report, snapshot } = source;
  const defaultTitle = report.title.includes(`${report.params.from} — ${report.params.to}`);
  const base = defaultTitle
    ? report.type
    : [...report.title]
        .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? ' ' : ch))
        .join('')
        .replace(/ +/g, ' ')
        .trim()
        .slice(0, 100);
  return `${base || report.type}_${snapshot.period_from}_${snapshot.period_to}.${extension}`;
}
