import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompanyRoute, Roles } from '@crm/api/companies';
import { ApiErrors, type CompanyScope, pathIdPipe, Scope } from '@crm/api/core';
import { ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse, RevealedApiKeyResponse } from '@crm/shared/contracts';
import { ApiKeysService } from './api-keys.service';

const keyIdPipe = pathIdPipe('api_key_not_found', 'API key not found');

@ApiTags('api-keys')
@CompanyRoute()
@Controller('companies/:companyId/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: "The company's API keys, without secrets" })
  @ApiOkResponse({ type: [ApiKeyResponse] })
  list(@Scope() scope: CompanyScope): Promise<ApiKeyResponse[]> {
    return this.keys.list(scope);
  }

  @Post()
  @Roles('owner', 'admin')
  @ApiOperation({
    summary: 'Create a key; the full key is in this answer (and can be revealed later by owners and admins)',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @ApiErrors(400, 403)
  create(@Scope() scope: CompanyScope, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    return this.keys.create(scope, dto.name);
  }

  @Get(':id/reveal')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'The full secret of an active key (owner/admin)' })
  @ApiOkResponse({ type: RevealedApiKeyResponse })
  @ApiErrors(403, 409)
  reveal(@Scope() scope: CompanyScope, @Param('id', keyIdPipe) id: string): Promise<RevealedApiKeyResponse> {
    return this.keys.reveal(scope, id);
  }

  @Post(':id/rotate')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Replace a key by a new one with the same name; the old key stops working at once' })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @ApiErrors(403, 409)
  rotate(@Scope() scope: CompanyScope, @Param('id', keyIdPipe) id: string): Promise<CreatedApiKeyResponse> {
    return this.keys.rotate(scope, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Revoke a key; it stops working at once' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors(403)
  async revoke(@Scope() scope: CompanyScope, @Param('id', keyIdPipe) id: string): Promise<void> {
    await this.keys.revoke(scope, id);
  }
}
