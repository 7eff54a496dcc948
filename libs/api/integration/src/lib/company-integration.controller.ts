import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompaniesService } from '@crm/api/companies';
import { type CompanyScope, Scope } from '@crm/api/core';
import { CompanyResponse } from '@crm/shared/contracts';
import { IntegrationRoute } from './integration-route.decorator';

/**
 * The integration API's own entry point: lets an integrator check a key before sending data. Rate
 * limited per key like every `/api/v1` route (429 with Retry-After).
 */
@ApiTags('integration')
@IntegrationRoute()
@Controller('v1')
export class CompanyIntegrationController {
  constructor(private readonly companies: CompaniesService) {}

  @Get('company')
  @ApiOperation({ summary: 'The company the API key belongs to (a quick way to test a key)' })
  @ApiOkResponse({ type: CompanyResponse })
  company(@Scope() scope: CompanyScope): Promise<CompanyResponse> {
    return this.companies.get(scope);
  }
}
