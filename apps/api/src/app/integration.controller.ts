import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IntegrationRoute } from '@crm/api/clients';
import { CompaniesService } from '@crm/api/companies';
import { type CompanyScope, Scope } from '@crm/api/core';
import { CompanyResponse } from '@crm/shared/contracts';

/**
 * The integration API's own entry point: lets an integrator check a key before sending data. Rate
 * limited per key like every `/api/v1` route (429 with Retry-After).
 */
@ApiTags('integration')
@Controller('v1')
export class IntegrationController {
  constructor(private readonly companies: CompaniesService) {}

  @Get('company')
  @IntegrationRoute()
  @ApiOperation({ summary: 'The company the API key belongs to (a quick way to test a key)' })
  @ApiOkResponse({ type: CompanyResponse })
  company(@Scope() scope: CompanyScope): Promise<CompanyResponse> {
    return this.companies.get(scope);
  }
}
