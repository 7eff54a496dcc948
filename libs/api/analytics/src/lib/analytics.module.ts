import { Module } from '@nestjs/common';
import { ClientsModule } from '@crm/api/clients';
import { CompaniesModule } from '@crm/api/companies';
import { AnalyticsController } from './analytics.controller';
import { CustomerOutlookController } from './customer-outlook.controller';
import { CustomerInsightsService } from './customers/customer-insights.service';
import { RevenueForecastService } from './forecast/revenue-forecast.service';
import { IndicatorsService } from './indicators/indicators.service';

/**
 * Analytics of a company's sales. The rollups it reads are kept by database triggers (migration
 * `AnalyticsRollups1764000000000`), so no write path has to call this module; it only listens to
 * `SaleChangeHooks` to refresh its cached customer models in the background.
 */
@Module({
  imports: [CompaniesModule, ClientsModule],
  controllers: [AnalyticsController, CustomerOutlookController],
  providers: [IndicatorsService, RevenueForecastService, CustomerInsightsService],
  exports: [IndicatorsService, RevenueForecastService, CustomerInsightsService],
})
export class AnalyticsModule {}
