import { Body, Controller, Get, HttpCode, Post, Query, UsePipes } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientsService, ClientsWriter } from '@crm/api/clients';
import { ApiErrors, type CompanyScope, MetricsService, Scope, StorableTextPipe } from '@crm/api/core';
import { BatchResultResponse, ClientBatchDto, ClientFeedResponse, FeedQueryDto } from '@crm/shared/contracts';
import { IntegrationRoute } from './integration-route.decorator';

/** The integration API for clients: batch upsert and the change feed. */
@ApiTags('integration')
@IntegrationRoute()
@Controller('v1/clients')
export class ClientsIntegrationController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly writer: ClientsWriter,
    private readonly clients: ClientsService,
  ) {}

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Upsert up to 5,000 clients by externalId; invalid items are reported in `failed`, valid ones stored',
  })
  @ApiOkResponse({ type: BatchResultResponse })
  @ApiErrors(400, 413)
  async upsert(@Scope() scope: CompanyScope, @Body() dto: ClientBatchDto): Promise<BatchResultResponse> {
    const result = await this.writer.upsertBatch(scope, dto.items);
    this.metrics.countBatch('clients', result);
    return result;
  }

  @Get()
  @UsePipes(StorableTextPipe)
  @ApiOperation({ summary: 'Clients in the order they were last written; follow nextCursor until it is null' })
  @ApiOkResponse({ type: ClientFeedResponse })
  @ApiErrors(400)
  feed(@Scope() scope: CompanyScope, @Query() query: FeedQueryDto): Promise<ClientFeedResponse> {
    return this.clients.feed(scope, query);
  }
}
