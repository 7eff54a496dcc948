import { Body, Controller, Delete, Get, HttpCode, Logger, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CompanyRoute } from '@crm/api/companies';
import { ApiErrors, attachment, type CompanyScope, pathIdPipe, Scope } from '@crm/api/core';
import {
  CreateReportDto,
  ExportReportQueryDto,
  ListReportsQueryDto,
  PutReportScheduleDto,
  ReportListResponse,
  ReportResponse,
  ReportRunsResponse,
  ReportScheduleResponse,
  ReportSnapshotQueryDto,
  ShareReportDto,
} from '@crm/shared/contracts';
import type { Response } from 'express';
import { CONTENT_TYPES, ReportExports } from './export/report-exports';
import { ReportsService } from './reports.service';

/** `:id` that is not a UUID names no report: 404, like another company's id. */
const reportIdPipe = pathIdPipe('report_not_found', 'Report not found');

/**
 * Reports: built in the background from the analytics (the same numbers as the analytics
 * endpoints), kept as snapshots, exported as PDF, XLSX or CSV, shared and scheduled. A report is
 * visible to its author, to the members it is shared with (or the whole company) and to owners and
 * admins; to anyone else it does not exist (404).
 */
@ApiTags('reports')
@CompanyRoute()
@Controller('companies/:companyId/reports')
export class ReportsController {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly reports: ReportsService,
    private readonly exports: ReportExports,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Creates a report and starts generating it in the background (status `running`, then `ready` or `failed`)',
  })
  @ApiCreatedResponse({ type: ReportResponse })
  @ApiErrors(400)
  create(@Scope() scope: CompanyScope, @Body() dto: CreateReportDto): Promise<ReportResponse> {
    return this.reports.create(scope, dto);
  }

  @Get()
  @ApiOperation({
    summary:
      'The reports the caller may see: own, shared with them or with the company (owners and admins: all); search by title, filter by type',
  })
  @ApiOkResponse({ type: ReportListResponse })
  @ApiErrors(400)
  list(@Scope() scope: CompanyScope, @Query() query: ListReportsQueryDto): Promise<ReportListResponse> {
    return this.reports.list(scope, query);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'A report with its latest snapshot (or `?snapshot=` a scheduled run): status, progress, result (summary, tables, charts, insights)',
  })
  @ApiOkResponse({ type: ReportResponse })
  @ApiErrors(400)
  get(
    @Scope() scope: CompanyScope,
    @Param('id', reportIdPipe) id: string,
    @Query() query: ReportSnapshotQueryDto,
  ): Promise<ReportResponse> {
    return this.reports.get(scope, id, query.snapshot);
  }

  @Get(':id/export')
  @ApiOperation({
    summary:
      'The report as a file: PDF (charts, tables, conclusions), XLSX (a sheet per table) or CSV (UTF-8 with BOM; a zip of CSV files when the report has several tables); 409 while it is not ready',
  })
  @ApiProduces(CONTENT_TYPES.pdf, CONTENT_TYPES.xlsx, CONTENT_TYPES.csv, CONTENT_TYPES.zip)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The file, streamed' })
  @ApiErrors(400, 409)
  async export(
    @Scope() scope: CompanyScope,
    @Param('id', reportIdPipe) id: string,
    @Query() query: ExportReportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.exports.prepare(scope, id, query.format, query.lang ?? 'ru', query.snapshot);
    let closed = false;
    res.once('close', () => (closed = true));
    res.status(200);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', attachment(file.fileName));
    try {
      await file.write(res, () => closed);
    } catch (error) {
      this.logger.error(`Export of report ${id} as ${query.format} failed: ${(error as Error).stack ?? String(error)}`);
      // The status line is gone: all that can be done is to cut the download short.
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }

  @Post(':id/share')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Shares the report with members (`userIds` replaces the list) and/or the whole company; author, owner or admin',
  })
  @ApiOkResponse({ type: ReportResponse })
  @ApiErrors(400, 403)
  share(
    @Scope() scope: CompanyScope,
    @Param('id', reportIdPipe) id: string,
    @Body() dto: ShareReportDto,
  ): Promise<ReportResponse> {
    return this.reports.share(scope, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes the report with its snapshots, shares and schedule; author, owner or admin' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(403)
  async delete(@Scope() scope: CompanyScope, @Param('id', reportIdPipe) id: string): Promise<void> {
    await this.reports.delete(scope, id);
  }

  @Post(':id/regenerate')
  @ApiOperation({
    summary: '«Обновить»: a new snapshot of the same parameters with fresh data (a preset period is resolved again)',
  })
  @ApiCreatedResponse({ type: ReportResponse })
  @ApiErrors()
  regenerate(@Scope() scope: CompanyScope, @Param('id', reportIdPipe) id: string): Promise<ReportResponse> {
    return this.reports.regenerate(scope, id);
  }

  @Put(':id/schedule')
  @ApiOperation({
    summary:
      'Rebuilds the report weekly or monthly at a time in the company time zone (a preset period as of the run day, otherwise the same length ending the day before); recipients get the PDF by mail when mail is set up',
  })
  @ApiOkResponse({ type: ReportScheduleResponse })
  @ApiErrors(400, 403)
  putSchedule(
    @Scope() scope: CompanyScope,
    @Param('id', reportIdPipe) id: string,
    @Body() dto: PutReportScheduleDto,
  ): Promise<ReportScheduleResponse> {
    return this.reports.putSchedule(scope, id, dto);
  }

  @Delete(':id/schedule')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stops the schedule (its runs are kept); author, owner or admin' })
  @ApiNoContentResponse({ description: 'Stopped' })
  @ApiErrors(403)
  async deleteSchedule(@Scope() scope: CompanyScope, @Param('id', reportIdPipe) id: string): Promise<void> {
    await this.reports.deleteSchedule(scope, id);
  }

  @Get(':id/runs')
  @ApiOperation({ summary: 'The snapshots made by the schedule, newest first, with what was delivered' })
  @ApiOkResponse({ type: ReportRunsResponse })
  @ApiErrors()
  runs(@Scope() scope: CompanyScope, @Param('id', reportIdPipe) id: string): Promise<ReportRunsResponse> {
    return this.reports.runs(scope, id);
  }
}
