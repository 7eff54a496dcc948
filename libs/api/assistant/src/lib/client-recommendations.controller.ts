import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { clientIdPipe } from '@crm/api/clients';
import { CompanyRoute } from '@crm/api/companies';
import { ApiErrors, type CompanyScope, Scope } from '@crm/api/core';
import { ClientRecommendationsResponse } from '@crm/shared/contracts';
import type { Request } from 'express';
import { localeOf } from './assistant.controller';
import { ClientRecommendationsService } from './client-recommendations.service';

@ApiTags('assistant')
@CompanyRoute()
@Controller('companies/:companyId/clients/:clientId')
export class ClientRecommendationsController {
  constructor(private readonly recommendations: ClientRecommendationsService) {}

  @Get('recommendations')
  @ApiOperation({
    summary:
      'What to do with this client and why: from the outlook (segment, probability of being active, expected value), co-purchase rules and history; each item with its reason and numbers',
  })
  @ApiQuery({ name: 'locale', required: false, enum: ['ru', 'en'] })
  @ApiOkResponse({ type: ClientRecommendationsResponse })
  @ApiErrors(404)
  get(
    @Scope() scope: CompanyScope,
    @Param('clientId', clientIdPipe) clientId: string,
    @Query('locale') locale: string | undefined,
    @Req() req: Request,
  ): Promise<ClientRecommendationsResponse> {
    return this.recommendations.forClient(scope, clientId, localeOf(locale, req));
  }
}
