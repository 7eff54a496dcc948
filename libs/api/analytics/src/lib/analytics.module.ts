import { Module } from '@nestjs/common';
import { ClientsModule } from '@crm/api/clients';
import { CompaniesModule } from '@crm/api/companies';
import { AnalyticsController } from './analytics.controller';
import { CustomerOutlookController } from './customer-outlook.controller';
import { CustomerInsightsService } from './customers/customer-insights.service';
import { CustomerModelCache } from './customers/customer-models.cache';
import { RevenueForecastService } from './forecast/revenue-forecast.service';
import { IndicatorsService } from './indicators/indicators.service';
import { RollupFolder } from './indicators/rollup-folder';
import { TopClientsAnswers } from './indicators/top-clients-answers';
import { AnswerCache } from './indicators/answer-cache';

/**
 * Analytics of a company's sales. Database triggers log every sales change (migrations
 * `AnalyticsRollups1764000000000`, `AnalyticsDeferredRollups1764100000000`), so no write path has
 * to call this module; it listens to `SaleChangeHooks` to fold those changes into the rollups and
 * refresh its cached customer models in the background, and folds before every read.
 */
@Module({
  imports: [CompaniesModule, ClientsModule],
  controllers: [AnalyticsController, CustomerOutlookController],
  providers: [
    RollupFolder,
    TopClientsAnswers,
    AnswerCache,
    IndicatorsService,
    RevenueForecastService,
    CustomerModelCache,
    CustomerInsightsService,
  ],
  exports: [RollupFolder, IndicatorsService, RevenueForecastService, CustomerInsightsService],
})
export class AnalyticsModule {}
