import { Injectable } from '@nestjs/common';
import { type CompanyScope, TenantDatabase } from '@crm/api/core';
import type { ReportFormat, ReportLanguage } from '@crm/shared/contracts';
import type { Writable } from 'node:stream';
import type { Cell } from '../generation/report-draft';
import { ReportsService } from '../reports.service';
import { type ReportRow, type SnapshotRow, type StoredResult, type StoredTable, tableRows } from '../reports.store';
import { csvIsZip, writeCsv } from './csv';
import { type ExportSource, exportFileName } from './export-source';
import { pdfBuffer, writePdf } from './pdf';
import { writeXlsx } from './xlsx';

/** Rows read per page while exporting (each page one short tenant transaction). */
export const EXPORT_PAGE_ROWS = 2000;

export const CONTENT_TYPES: Record<ReportFormat | 'zip', string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  zip: 'application/zip',
};

export interface PreparedExport {
  fileName: string;
  contentType: string;
  write(out: Writable, isClosed: () => boolean): Promise<void>;
}

@Injectable()
export class ReportExports {
  constructor(
    private readonly reports: ReportsService,
    private readonly tenantDb: TenantDatabase,
  ) {}

  source(scope: CompanyScope, report: ReportRow, snapshot: SnapshotRow, lang: ReportLanguage): ExportSource {
    const tenantDb = this.tenantDb;
    return {
      report,
      snapshot,
      result: snapshot.result as StoredResult,
      lang,
      async *rows(table: StoredTable, limit = Number.MAX_SAFE_INTEGER): AsyncIterable<Cell[][]> {
        let after = -1;
        let left = limit;
        while (left > 0) {
          const page = await tenantDb.run(scope, (m) =>
            tableRows(m, scope, snapshot.id, table.key, after, Math.min(EXPORT_PAGE_ROWS, left)),
          );
          if (page.length === 0) return;
          after = page[page.length - 1].row_no;
          left -= page.length;
          yield page.map((r) => r.cells);
          if (page.length < EXPORT_PAGE_ROWS) return;
        }
      },
    };
  }

  /** Checks the report (404, 409) and prepares the file; nothing is written until `write`. */
  async prepare(
    scope: CompanyScope,
    id: string,
    format: ReportFormat,
    lang: ReportLanguage,
    snapshotId?: string,
  ): Promise<PreparedExport> {
    const { row, snapshot } = await this.reports.forExport(scope, id, snapshotId);
    const source = this.source(scope, row, snapshot, lang);
    if (format === 'pdf')
      return {
        fileName: exportFileName(source, 'pdf'),
        contentType: CONTENT_TYPES.pdf,
        write: (out) => writePdf(source, out),
      };
    if (format === 'xlsx')
      return {
        fileName: exportFileName(source, 'xlsx'),
        contentType: CONTENT_TYPES.xlsx,
        write: (out, closed) => writeXlsx(source, out, closed),
      };
    const zip = csvIsZip(source);
    return {
      fileName: exportFileName(source, zip ? 'zip' : 'csv'),
      contentType: zip ? CONTENT_TYPES.zip : CONTENT_TYPES.csv,
      write: (out, closed) => writeCsv(source, out, closed),
    };
  }

  pdf(source: ExportSource): Promise<Buffer> {
    return pdfBuffer(source);
  }
}
