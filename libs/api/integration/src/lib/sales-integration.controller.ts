import { Body, Controller, Get, HttpCode, Post, Query, UsePipes } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, type CompanyScope, MetricsService, Scope, StorableTextPipe } from '@crm/api/core';
import { SalesService, SalesWriter } from '@crm/api/sales';
import { BatchResultResponse, FeedQueryDto, SaleBatchDto, SaleFeedResponse } from '@crm/shared/contracts';
import { IntegrationRoute } from './integration-route.decorator';

/** The integration API for sales: batch upsert and the change feed. */
@ApiTags('integration')
@IntegrationRoute()
@Controller('v1/sales')
export class SalesIntegrationController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly writer: SalesWriter,
    private readonly sales: SalesService,
  ) {}

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Upsert up to 5,000 sales by externalId; invalid items (an unknown clientExternalId too) are reported in `failed`, valid ones stored',
  })
  @ApiOkResponse({ type: BatchResultResponse })
  @ApiErrors(400, 413)
  async upsert(@Scope() scope: CompanyScope, @Body() dto: SaleBatchDto): Promise<BatchResultResponse> {
    const result = await this.writer.upsertBatch(scope, dto.items);
    this.metrics.countBatch('sales', result);
    return result;
  }

  @Get()
  @UsePipes(StorableTextPipe)
  @ApiOperation({
    summary: 'Sales in the order they were last written, with clientExternalId; follow nextCursor until null',
  })
  @ApiOkResponse({ type: SaleFeedResponse })
  @ApiErrors(400)
  feed(@Scope() scope: CompanyScope, @Query() query: FeedQueryDto): Promise<SaleFeedResponse> {
    return this.sales.feed(scope, query);
  }
}
