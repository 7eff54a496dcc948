import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
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
  CreateImportDto,
  IMPORT_KINDS,
  IMPORT_MAX_BYTES,
  ImportJobResponse,
  ImportPreviewResponse,
  PreviewImportDto,
  RejectedRowsQueryDto,
  RunImportDto,
} from '@crm/shared/contracts';
import { ImportsService } from './imports.service';
import { ImportQuotaInterceptor } from './jobs/import-quota';
import { readRejectedRows } from './jobs/rejected-rows';
import type { StoredUpload } from './jobs/upload-storage';

/** `:importId` that is not a UUID names no import: 404, like another company's id. */
const jobId = pathIdPipe('import_not_found', 'Import not found');

@ApiTags('imports')
@CompanyRoute()
@Controller('companies/:companyId/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @UseInterceptors(
    ImportQuotaInterceptor,
    FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 }, defParamCharset: 'utf8' }),
  )
  @ApiOperation({
    summary: 'Upload a CSV of clients or sales: stored, encoding, separator and columns detected, mapping suggested',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: {
        kind: { type: 'string', enum: [...IMPORT_KINDS] },
        file: { type: 'string', format: 'binary', description: 'CSV, UTF-8 or Windows-1251, `;` `,` or tab separated' },
      },
    },
  })
  @ApiCreatedResponse({ type: ImportJobResponse })
  @ApiErrors(400, 413)
  upload(
    @Scope() scope: CompanyScope,
    @Body() dto: CreateImportDto,
    @UploadedFile() file?: StoredUpload,
  ): Promise<ImportJobResponse> {
    return this.imports.upload(scope, dto.kind, file);
  }

  @Get()
  @ApiOperation({ summary: 'The company’s imports, newest first' })
  @ApiOkResponse({ type: [ImportJobResponse] })
  list(@Scope() scope: CompanyScope): Promise<ImportJobResponse[]> {
    return this.imports.list(scope);
  }

  @Get(':importId')
  @ApiOperation({ summary: 'An import with its progress (poll it while `status` is `running`)' })
  @ApiOkResponse({ type: ImportJobResponse })
  get(@Scope() scope: CompanyScope, @Param('importId', jobId) id: string): Promise<ImportJobResponse> {
    return this.imports.get(scope, id);
  }

  @Post(':importId/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'The first rows as records with a mapping, each validated; nothing is written' })
  @ApiOkResponse({ type: ImportPreviewResponse })
  @ApiErrors(400)
  preview(
    @Scope() scope: CompanyScope,
    @Param('importId', jobId) id: string,
    @Body() dto: PreviewImportDto,
  ): Promise<ImportPreviewResponse> {
    return this.imports.preview(scope, id, dto);
  }

  @Post(':importId/run')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Import every row with a mapping, in the background, through the same upserts as /api/v1 (idempotent)',
  })
  @ApiAcceptedResponse({ type: ImportJobResponse, description: 'Started; poll the import for progress' })
  @ApiErrors(400, 409)
  run(
    @Scope() scope: CompanyScope,
    @Param('importId', jobId) id: string,
    @Body() dto: RunImportDto,
  ): Promise<ImportJobResponse> {
    return this.imports.run(scope, id, dto);
  }

  @Post(':importId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop a running import after its current batch' })
  @ApiOkResponse({ type: ImportJobResponse })
  @ApiErrors(409)
  cancel(@Scope() scope: CompanyScope, @Param('importId', jobId) id: string): Promise<ImportJobResponse> {
    return this.imports.cancel(scope, id);
  }

  @Get(':importId/rejected')
  @ApiOperation({
    summary: 'The rejected rows as CSV: the rows as uploaded plus `import line` and `import errors` columns',
    description: 'With `lang=ru` the two added columns are named in Russian.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    schema: { type: 'string', format: 'binary' },
    description: 'UTF-8 with BOM, the upload’s separator',
  })
  async rejected(
    @Scope() scope: CompanyScope,
    @Param('importId', jobId) id: string,
    @Query() query: RejectedRowsQueryDto,
  ): Promise<StreamableFile> {
    const report = await this.imports.rejectedReport(scope, id);
    return new StreamableFile(readRejectedRows(report.stream(), report.delimiter, query.lang ?? 'en'), {
      type: 'text/csv; charset=utf-8',
      disposition: attachment(report.fileName),
    });
  }

  @Delete(':importId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an import with its stored upload and report (not while it runs)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(409)
  async remove(@Scope() scope: CompanyScope, @Param('importId', jobId) id: string): Promise<void> {
    await this.imports.remove(scope, id);
  }
}
