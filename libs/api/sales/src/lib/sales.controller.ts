import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UsePipes } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { clientIdPipe } from '@crm/api/clients';
import { CompanyRoute } from '@crm/api/companies';
import { ApiErrors, type CompanyScope, Scope, StorableTextPipe } from '@crm/api/core';
import {
  CreateSaleDto,
  ListSalesQueryDto,
  SaleDetailResponse,
  SalePageResponse,
  UpdateSaleDto,
} from '@crm/shared/contracts';
import { saleIdPipe } from './sale-id.pipe';
import { SalesService } from './sales.service';

@ApiTags('sales')
@CompanyRoute()
@UsePipes(StorableTextPipe)
@Controller('companies/:companyId/sales')
export class SalesController {
  constructor(private readonly sales: SalesService) {}

  @Get()
  @ApiOperation({
    summary: 'Sales of the company with their buyers: paging, sort, filters (client, status, currency, dates, amounts)',
  })
  @ApiOkResponse({ type: SalePageResponse })
  @ApiErrors(400)
  list(@Scope() scope: CompanyScope, @Query() query: ListSalesQueryDto): Promise<SalePageResponse> {
    return this.sales.list(scope, query);
  }

  @Post()
  @ApiOperation({ summary: 'Record a sale (status `paid` unless given); 409 when the externalId is taken' })
  @ApiCreatedResponse({ type: SaleDetailResponse })
  @ApiErrors(400, 409)
  create(@Scope() scope: CompanyScope, @Body() dto: CreateSaleDto): Promise<SaleDetailResponse> {
    return this.sales.create(scope, dto);
  }

  @Get(':saleId')
  @ApiOperation({ summary: 'A sale with its items and buyer' })
  @ApiOkResponse({ type: SaleDetailResponse })
  get(@Scope() scope: CompanyScope, @Param('saleId', saleIdPipe) saleId: string): Promise<SaleDetailResponse> {
    return this.sales.get(scope, saleId);
  }

  @Patch(':saleId')
  @ApiOperation({ summary: 'Change a sale: omitted fields (status too) keep their value; `items` replaces all items' })
  @ApiOkResponse({ type: SaleDetailResponse })
  @ApiErrors(400, 409)
  update(
    @Scope() scope: CompanyScope,
    @Param('saleId', saleIdPipe) saleId: string,
    @Body() dto: UpdateSaleDto,
  ): Promise<SaleDetailResponse> {
    return this.sales.update(scope, saleId, dto);
  }

  @Delete(':saleId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a sale' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@Scope() scope: CompanyScope, @Param('saleId', saleIdPipe) saleId: string): Promise<void> {
    await this.sales.remove(scope, saleId);
  }
}

/** The purchase history of one client. */
@ApiTags('clients')
@CompanyRoute()
@UsePipes(StorableTextPipe)
@Controller('companies/:companyId/clients/:clientId/sales')
export class ClientSalesController {
  constructor(private readonly sales: SalesService) {}

  @Get()
  @ApiOperation({ summary: 'Sales of a client (purchase history), newest first unless sorted otherwise' })
  @ApiOkResponse({ type: SalePageResponse })
  @ApiErrors(400)
  list(
    @Scope() scope: CompanyScope,
    @Param('clientId', clientIdPipe) clientId: string,
    @Query() query: ListSalesQueryDto,
  ): Promise<SalePageResponse> {
    return this.sales.listForClient(scope, clientId, query);
  }
}
