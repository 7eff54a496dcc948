import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CompanyRoute } from '@crm/api/companies';
import { ApiErrors, attachment, type CompanyScope, Scope, TenantDatabase } from '@crm/api/core';
import {
  ExportClientsQueryDto,
  type ExportFormat,
  type ExportLocale,
  ExportSalesQueryDto,
} from '@crm/shared/contracts';
import type { Response } from 'express';
import { CLIENT_EXPORT_COLUMNS, type ExportColumn, SALE_EXPORT_COLUMNS } from './export-columns';
import { clientPages, salePages } from './export-rows';
import { CSV_DIALECTS, writeCsv, writeXlsx } from './export-writers';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE_DESCRIPTION =
  'CSV: UTF-8 with BOM, `;` and decimal comma for `locale=ru`, `,` and decimal point for `locale=en`; ' +
  'times in the company time zone. XLSX: numbers and dates as cells.';

@ApiTags('exports')
@CompanyRoute()
@Controller('companies/:companyId/exports')
export class ExportsController {
  constructor(private readonly tenantDb: TenantDatabase) {}

  @Get('clients')
  @ApiOperation({ summary: 'The clients list (same q, filters and sort as GET /clients, every page) as CSV or XLSX' })
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: FILE_DESCRIPTION })
  @ApiErrors(400)
  async clients(
    @Scope() scope: CompanyScope,
    @Query() query: ExportClientsQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const pages = clientPages(this.tenantDb, scope, query);
    await this.send(res, 'clients', CLIENT_EXPORT_COLUMNS, pages, query.format, query.locale);
  }

  @Get('sales')
  @ApiOperation({ summary: 'The sales list (same q, filters and sort as GET /sales, every page) as CSV or XLSX' })
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: FILE_DESCRIPTION })
  @ApiErrors(400)
  async sales(@Scope() scope: CompanyScope, @Query() query: ExportSalesQueryDto, @Res() res: Response): Promise<void> {
    const pages = salePages(this.tenantDb, scope, query);
    await this.send(res, 'sales', SALE_EXPORT_COLUMNS, pages, query.format, query.locale);
  }

  /** Streams the file; a client that goes away stops the export at the next page. */
  private async send<R>(
    res: Response,
    name: string,
    columns: readonly ExportColumn<R>[],
    pages: AsyncIterable<R[]>,
    format: ExportFormat = 'csv',
    locale: ExportLocale = 'ru',
  ): Promise<void> {
    let closed = false;
    res.once('close', () => (closed = true));
    const fileName = `${name}-${new Date().toISOString().slice(0, 10)}.${format}`;
    res.status(200);
    res.setHeader('Content-Type', format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', attachment(fileName));
    try {
      if (format === 'xlsx') await writeXlsx(res, name, columns, pages, () => closed);
      else await writeCsv(res, columns, pages, CSV_DIALECTS[locale], () => closed);
    } catch (error) {
      // The status line is gone: all that can be done is to cut the download short.
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
