import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompanyRoute } from '@crm/api/companies';
import { ApiErrors, type CompanyScope, Scope } from '@crm/api/core';
import {
  AnalyticsRangeQueryDto,
  AnalyticsSummaryResponse,
  AnalyticsTimeseriesQueryDto,
  AnalyticsTimeseriesResponse,
  ProductRevenueListResponse,
  ProductRevenueQueryDto,
  RevenueForecastQueryDto,
  RevenueForecastResponse,
  SalesByStatusResponse,
  TopClientsQueryDto,
  TopClientsResponse,
} from '@crm/shared/contracts';
import { RevenueForecastService } from './forecast/revenue-forecast.service';
import { IndicatorsService } from './indicators/indicators.service';

/**
 * Sales indicators of a company. Revenue counts `paid` sales converted to `currency` (default the
 * base currency) at the rate in force on the sale's local day; sales that cannot be converted are
 * left out and named in `warnings`; every count counts exactly the sales the revenue sums.
 * `clientIds` and `currencies` (summary, timeseries, top-clients, by-status, products, forecast)
 * narrow the sales counted to those clients' and those currencies' (ADR 0006 "Report filters").
 */
@ApiTags('analytics')
@CompanyRoute()
@Controller('companies/:companyId/analytics')
export class AnalyticsController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly forecasts: RevenueForecastService,
  ) {}

  @Get('summary')
  @ApiOperation({
    summary:
      'Revenue, sales, buyers (new and returning), AOV and repeat-purchase rate of a period, against the previous period',
  })
  @ApiOkResponse({ type: AnalyticsSummaryResponse })
  @ApiErrors(400)
  summary(@Scope() scope: CompanyScope, @Query() query: AnalyticsRangeQueryDto): Promise<AnalyticsSummaryResponse> {
    return this.indicators.summary(scope, query);
  }

  @Get('timeseries')
  @ApiOperation({
    summary: 'Revenue and sales per day, week (from Monday) or month; every period present, zeros included',
  })
  @ApiOkResponse({ type: AnalyticsTimeseriesResponse })
  @ApiErrors(400)
  timeseries(
    @Scope() scope: CompanyScope,
    @Query() query: AnalyticsTimeseriesQueryDto,
  ): Promise<AnalyticsTimeseriesResponse> {
    return this.indicators.timeseries(scope, query);
  }

  @Get('top-clients')
  @ApiOperation({ summary: 'Clients by revenue in the period, descending' })
  @ApiOkResponse({ type: TopClientsResponse })
  @ApiErrors(400)
  topClients(@Scope() scope: CompanyScope, @Query() query: TopClientsQueryDto): Promise<TopClientsResponse> {
    return this.indicators.topClients(scope, query);
  }

  @Get('by-status')
  @ApiOperation({ summary: 'Sales and their converted amounts per status (pending, paid, cancelled, refunded)' })
  @ApiOkResponse({ type: SalesByStatusResponse })
  @ApiErrors(400)
  byStatus(@Scope() scope: CompanyScope, @Query() query: AnalyticsRangeQueryDto): Promise<SalesByStatusResponse> {
    return this.indicators.byStatus(scope, query);
  }

  @Get('products')
  @ApiOperation({ summary: 'Revenue by product from the items of the counted sales, descending' })
  @ApiOkResponse({ type: ProductRevenueListResponse })
  @ApiErrors(400)
  products(@Scope() scope: CompanyScope, @Query() query: ProductRevenueQueryDto): Promise<ProductRevenueListResponse> {
    return this.indicators.products(scope, query);
  }

  @Get('forecast')
  @ApiOperation({
    summary:
      'Revenue forecast per month or week with 80%/95% intervals; the model is chosen by a rolling-origin back-test on the complete periods before asOf',
  })
  @ApiOkResponse({ type: RevenueForecastResponse })
  @ApiErrors(400)
  forecast(@Scope() scope: CompanyScope, @Query() query: RevenueForecastQueryDto): Promise<RevenueForecastResponse> {
    return this.forecasts.forecast(scope, query);
  }
}
