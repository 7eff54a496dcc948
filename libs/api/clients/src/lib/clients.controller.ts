import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseFilters,
  UsePipes,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { CompanyRoute } from '@crm/api/companies';
import { ApiErrors, type CompanyScope, Scope, StorableTextPipe } from '@crm/api/core';
import {
  ClientDeleteConflictResponse,
  ClientPageResponse,
  ClientResponse,
  CreateClientDto,
  ListClientsQueryDto,
  UpdateClientDto,
} from '@crm/shared/contracts';
import { ClientDeleteConflictFilter } from './client-delete-conflict';
import { clientIdPipe } from './client-id.pipe';
import { ClientsService } from './clients.service';

@ApiTags('clients')
@CompanyRoute()
@UsePipes(StorableTextPipe)
@Controller('companies/:companyId/clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Get()
  @ApiOperation({ summary: 'Clients of the company: paging, sort, search over name/email/phone/externalId, filters' })
  @ApiOkResponse({ type: ClientPageResponse })
  @ApiErrors(400)
  list(@Scope() scope: CompanyScope, @Query() query: ListClientsQueryDto): Promise<ClientPageResponse> {
    return this.clients.list(scope, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a client (409 when the externalId is taken)' })
  @ApiCreatedResponse({ type: ClientResponse })
  @ApiErrors(400, 409)
  create(@Scope() scope: CompanyScope, @Body() dto: CreateClientDto): Promise<ClientResponse> {
    return this.clients.create(scope, dto);
  }

  @Get(':clientId')
  @ApiOperation({ summary: 'A client' })
  @ApiOkResponse({ type: ClientResponse })
  get(@Scope() scope: CompanyScope, @Param('clientId', clientIdPipe) clientId: string): Promise<ClientResponse> {
    return this.clients.get(scope, clientId);
  }

  @Patch(':clientId')
  @ApiOperation({ summary: 'Change a client: omitted fields keep their value, null clears' })
  @ApiOkResponse({ type: ClientResponse })
  @ApiErrors(400, 409)
  update(
    @Scope() scope: CompanyScope,
    @Param('clientId', clientIdPipe) clientId: string,
    @Body() dto: UpdateClientDto,
  ): Promise<ClientResponse> {
    return this.clients.update(scope, clientId, dto);
  }

  @Delete(':clientId')
  @HttpCode(204)
  @UseFilters(ClientDeleteConflictFilter)
  @ApiOperation({
    summary:
      'Delete a client with its interactions and notes; a client with sales only with ?confirm=true (then its sales go too)',
  })
  @ApiQuery({
    name: 'confirm',
    required: false,
    enum: ['true', 'false'],
    description: '`true` deletes the client’s sales too',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({
    type: ClientDeleteConflictResponse,
    description: 'The client has sales; the body says what would be lost',
  })
  async remove(
    @Scope() scope: CompanyScope,
    @Param('clientId', clientIdPipe) clientId: string,
    @Query('confirm') confirm?: string,
  ): Promise<void> {
    await this.clients.remove(scope, clientId, confirm === 'true');
  }
}
