import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, type AuthenticatedUser, BEARER_AUTH, type CompanyScope, CurrentUser, Scope } from '@crm/api/core';
import {
  CompanyMembershipResponse,
  CompanyResponse,
  CreateCompanyDto,
  CreatedCompanyResponse,
  UpdateCompanyDto,
} from '@crm/shared/contracts';
import { CompaniesService } from './companies.service';
import { CompanyRoute } from './company-route.decorator';
import { Roles } from './roles.decorator';

@ApiTags('companies')
@ApiBearerAuth(BEARER_AUTH)
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Post()
  @ApiOperation({ summary: 'Create a company; the caller becomes its owner' })
  @ApiCreatedResponse({ type: CreatedCompanyResponse })
  @ApiErrors(400, 401)
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateCompanyDto): Promise<CreatedCompanyResponse> {
    return this.companies.create(user.id, dto.name);
  }

  @Get()
  @ApiOperation({ summary: "The caller's companies with the caller's role in each" })
  @ApiOkResponse({ type: [CompanyMembershipResponse] })
  @ApiErrors(401)
  list(@CurrentUser() user: AuthenticatedUser): Promise<CompanyMembershipResponse[]> {
    return this.companies.listForUser(user.id);
  }

  @Get(':companyId')
  @CompanyRoute()
  @ApiOperation({ summary: 'A company the caller belongs to' })
  @ApiOkResponse({ type: CompanyResponse })
  get(@Scope() scope: CompanyScope): Promise<CompanyResponse> {
    return this.companies.get(scope);
  }

  @Patch(':companyId')
  @CompanyRoute()
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Rename the company or change its base currency or time zone (owner/admin)' })
  @ApiOkResponse({ type: CompanyResponse })
  @ApiErrors(400, 403)
  update(@Scope() scope: CompanyScope, @Body() dto: UpdateCompanyDto): Promise<CompanyResponse> {
    return this.companies.update(scope, dto);
  }
}
