import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth } from '@crm/api/api-keys';
import { CompaniesService } from '@crm/api/companies';
import { type CompanyScope, Scope } from '@crm/api/core';
import { CompanyResponse } from '@crm/shared/contracts';

/** The integration API's own entry point: lets an integrator check a key before sending data. */
@ApiTags('integration')
@Controller('v1')
export class IntegrationController {
  constructor(private readonly companies: CompaniesService) {}

  @Get('company')
  @ApiKeyAuth()
  @ApiOperation({ summary: 'The company the API key belongs to (a quick way to test a key)' })
  @ApiOkResponse({ type: CompanyResponse })
  company(@Scope() scope: CompanyScope): Promise<CompanyResponse> {
    return this.companies.get(scope);
  }
}
