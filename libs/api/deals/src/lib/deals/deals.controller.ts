import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UsePipes } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { clientIdPipe } from '@crm/api/clients';
import { CompanyRoute } from '@crm/api/companies';
import { ApiErrors, type CompanyScope, Scope, StorableTextPipe } from '@crm/api/core';
import {
  CreateDealDto,
  DealPageResponse,
  DealResponse,
  DealStageChangeResponse,
  ListDealsQueryDto,
  MoveDealDto,
  UpdateDealDto,
} from '@crm/shared/contracts';
import { dealIdPipe } from '../ids';
import { DealsService } from './deals.service';

@ApiTags('deals')
@CompanyRoute()
@UsePipes(StorableTextPipe)
@Controller('companies/:companyId/deals')
export class DealsController {
  constructor(private readonly deals: DealsService) {}

  @Get()
  @ApiOperation({
    summary: 'Deals of the company: paging, sort, filters (pipeline, stage, owner, client, status, amount, close date)',
  })
  @ApiOkResponse({ type: DealPageResponse })
  @ApiErrors(400)
  list(@Scope() scope: CompanyScope, @Query() query: ListDealsQueryDto): Promise<DealPageResponse> {
    return this.deals.list(scope, query);
  }

  @Post()
  @ApiOperation({ summary: 'Open a deal (owner: the caller unless given; stage: the pipeline’s first)' })
  @ApiCreatedResponse({ type: DealResponse })
  @ApiErrors(400, 409)
  create(@Scope() scope: CompanyScope, @Body() dto: CreateDealDto): Promise<DealResponse> {
    return this.deals.create(scope, dto);
  }

  @Get(':dealId')
  @ApiOperation({ summary: 'A deal' })
  @ApiOkResponse({ type: DealResponse })
  get(@Scope() scope: CompanyScope, @Param('dealId', dealIdPipe) dealId: string): Promise<DealResponse> {
    return this.deals.get(scope, dealId);
  }

  @Patch(':dealId')
  @ApiOperation({ summary: 'Change a deal: omitted fields keep their value; the stage changes by `move`' })
  @ApiOkResponse({ type: DealResponse })
  @ApiErrors(400, 409)
  update(
    @Scope() scope: CompanyScope,
    @Param('dealId', dealIdPipe) dealId: string,
    @Body() dto: UpdateDealDto,
  ): Promise<DealResponse> {
    return this.deals.update(scope, dealId, dto);
  }

  @Delete(':dealId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a deal with its history and tasks (a sale it became stays)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@Scope() scope: CompanyScope, @Param('dealId', dealIdPipe) dealId: string): Promise<void> {
    await this.deals.remove(scope, dealId);
  }

  @Post(':dealId/move')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Move a deal to another stage of its pipeline: a lost stage needs `lostReason`; a won stage with `createSale` creates the linked sale',
  })
  @ApiOkResponse({ type: DealResponse })
  @ApiErrors(400)
  move(
    @Scope() scope: CompanyScope,
    @Param('dealId', dealIdPipe) dealId: string,
    @Body() dto: MoveDealDto,
  ): Promise<DealResponse> {
    return this.deals.move(scope, dealId, dto);
  }

  @Get(':dealId/history')
  @ApiOperation({ summary: 'The deal’s stage changes, oldest first (the first is its creation)' })
  @ApiOkResponse({ type: [DealStageChangeResponse] })
  history(
    @Scope() scope: CompanyScope,
    @Param('dealId', dealIdPipe) dealId: string,
  ): Promise<DealStageChangeResponse[]> {
    return this.deals.history(scope, dealId);
  }
}

/** The deals of one client, for the client screen. */
@ApiTags('clients')
@CompanyRoute()
@UsePipes(StorableTextPipe)
@Controller('companies/:companyId/clients/:clientId/deals')
export class ClientDealsController {
  constructor(private readonly deals: DealsService) {}

  @Get()
  @ApiOperation({ summary: 'Deals of a client, recently changed first unless sorted otherwise' })
  @ApiOkResponse({ type: DealPageResponse })
  @ApiErrors(400)
  list(
    @Scope() scope: CompanyScope,
    @Param('clientId', clientIdPipe) clientId: string,
    @Query() query: ListDealsQueryDto,
  ): Promise<DealPageResponse> {
    return this.deals.listForClient(scope, clientId, query);
  }
}
