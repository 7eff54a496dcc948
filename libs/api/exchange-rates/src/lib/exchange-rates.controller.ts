import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompanyRoute, Roles } from '@crm/api/companies';
import { ApiErrors, type CompanyScope, Scope } from '@crm/api/core';
import { ExchangeRatesResponse, PutExchangeRatesDto } from '@crm/shared/contracts';
import { ExchangeRatesService } from './exchange-rates.service';

@ApiTags('exchange-rates')
@CompanyRoute()
@Controller('companies/:companyId/exchange-rates')
export class ExchangeRatesController {
  constructor(private readonly rates: ExchangeRatesService) {}

  @Get()
  @ApiOperation({ summary: 'Exchange rates to the company’s base currency, by currency and validFrom' })
  @ApiOkResponse({ type: ExchangeRatesResponse })
  get(@Scope() scope: CompanyScope): Promise<ExchangeRatesResponse> {
    return this.rates.get(scope);
  }

  @Put()
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Add or replace rates by (currency, validFrom); rates not named are kept (owner/admin)' })
  @ApiOkResponse({ type: ExchangeRatesResponse })
  @ApiErrors(400, 403)
  put(@Scope() scope: CompanyScope, @Body() dto: PutExchangeRatesDto): Promise<ExchangeRatesResponse> {
    return this.rates.put(scope, dto);
  }
}
