import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompanyRoute } from '@crm/api/companies';
import { ApiErrors, type CompanyScope, Scope } from '@crm/api/core';
import {
  DealFunnelQueryDto,
  DealFunnelResponse,
  DealOwnersResponse,
  DealPipelineQueryDto,
  DealPipelineValueResponse,
  StuckDealsResponse,
} from '@crm/shared/contracts';
import { DealsAnalyticsService } from './deals-analytics.service';

/**
 * Funnel and pipeline analytics of a company's deals. Money is converted to `currency` (default the
 * base currency) at the rates in force today in the company's time zone; deals whose currency has
 * no rate are left out of the money figures and counted in `unconvertedDeals`.
 */
@ApiTags('analytics')
@CompanyRoute()
@Controller('companies/:companyId/analytics')
export class DealsAnalyticsController {
  constructor(private readonly analytics: DealsAnalyticsService) {}

  @Get('funnel')
  @ApiOperation({
    summary:
      'Funnel of the deals that entered a pipeline in the period: per stage entered, reached, conversion and median days; win rate, average won deal, median cycle',
  })
  @ApiOkResponse({ type: DealFunnelResponse })
  @ApiErrors(400)
  funnel(@Scope() scope: CompanyScope, @Query() query: DealFunnelQueryDto): Promise<DealFunnelResponse> {
    return this.analytics.funnel(scope, query);
  }

  @Get('pipeline')
  @ApiOperation({
    summary: 'Value and weighted value of the open deals of a pipeline by stage and by expected close month',
  })
  @ApiOkResponse({ type: DealPipelineValueResponse })
  @ApiErrors(400)
  pipeline(@Scope() scope: CompanyScope, @Query() query: DealPipelineQueryDto): Promise<DealPipelineValueResponse> {
    return this.analytics.pipeline(scope, query);
  }

  @Get('stuck')
  @ApiOperation({ summary: 'Open deals in their stage longer than the stage’s median stay, the most overdue first' })
  @ApiOkResponse({ type: StuckDealsResponse })
  @ApiErrors(400)
  stuck(@Scope() scope: CompanyScope, @Query() query: DealPipelineQueryDto): Promise<StuckDealsResponse> {
    return this.analytics.stuck(scope, query);
  }

  @Get('owners')
  @ApiOperation({ summary: 'The funnel cohort and the open pipeline by deal owner' })
  @ApiOkResponse({ type: DealOwnersResponse })
  @ApiErrors(400)
  owners(@Scope() scope: CompanyScope, @Query() query: DealFunnelQueryDto): Promise<DealOwnersResponse> {
    return this.analytics.owners(scope, query);
  }
}
