import { Body, Controller, Get, HttpCode, Post, Query, UsePipes } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, type CompanyScope, MetricsService, Scope, StorableTextPipe } from '@crm/api/core';
import { BatchResultResponse, DealBatchDto, DealFeedResponse, FeedQueryDto } from '@crm/shared/contracts';
import { DealsBatchWriter } from './deals-batch.writer';
import { DealsFeed } from './deals-feed';
import { IntegrationRoute } from './integration-route.decorator';

/** The integration API for deals: batch upsert and the change feed. */
@ApiTags('integration')
@IntegrationRoute()
@Controller('v1/deals')
export class DealsIntegrationController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly writer: DealsBatchWriter,
    private readonly feed: DealsFeed,
  ) {}

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Upsert up to 5,000 deals by externalId; invalid items (an unknown clientExternalId, pipeline or stage too) are reported in `failed`, valid ones stored',
  })
  @ApiOkResponse({ type: BatchResultResponse })
  @ApiErrors(400, 413)
  async upsert(@Scope() scope: CompanyScope, @Body() dto: DealBatchDto): Promise<BatchResultResponse> {
    const result = await this.writer.upsertBatch(scope, dto.items);
    this.metrics.countBatch('deals', result);
    return result;
  }

  @Get()
  @UsePipes(StorableTextPipe)
  @ApiOperation({
    summary:
      'Deals in the order they were last written, with clientExternalId and pipelineName; follow nextCursor until null',
  })
  @ApiOkResponse({ type: DealFeedResponse })
  @ApiErrors(400)
  list(@Scope() scope: CompanyScope, @Query() query: FeedQueryDto): Promise<DealFeedResponse> {
    return this.feed.page(scope, query);
  }
}
