import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { clientIdPipe } from '@crm/api/clients';
import { CompanyRoute } from '@crm/api/companies';
import { ApiErrors, type CompanyScope, Scope } from '@crm/api/core';
import { ClientOutlookResponse, CustomerOutlookQueryDto, RfmSegmentsResponse } from '@crm/shared/contracts';
import { CustomerInsightsService } from './customers/customer-insights.service';

/** The customer base seen by its models: RFM segments and each client's outlook. */
@ApiTags('analytics')
@CompanyRoute()
@Controller('companies/:companyId/analytics')
export class CustomerOutlookController {
  constructor(private readonly insights: CustomerInsightsService) {}

  @Get('segments')
  @ApiOperation({
    summary: 'RFM segments (quintile scores, R × F grid) of the clients with purchases up to asOf, with their revenue',
  })
  @ApiOkResponse({ type: RfmSegmentsResponse })
  @ApiErrors(400)
  segments(@Scope() scope: CompanyScope, @Query() query: CustomerOutlookQueryDto): Promise<RfmSegmentsResponse> {
    return this.insights.segments(scope, query);
  }

  @Get('clients/:clientId/outlook')
  @ApiOperation({
    summary:
      'A client’s probability of being active, expected purchases and value over 90 days (BG/NBD + Gamma-Gamma), segment and recommended products',
  })
  @ApiOkResponse({ type: ClientOutlookResponse })
  @ApiErrors(400)
  outlook(
    @Scope() scope: CompanyScope,
    @Param('clientId', clientIdPipe) clientId: string,
    @Query() query: CustomerOutlookQueryDto,
  ): Promise<ClientOutlookResponse> {
    return this.insights.outlook(scope, clientId, query);
  }
}
