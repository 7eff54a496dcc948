import { Module } from '@nestjs/common';
import { CompaniesModule } from '@crm/api/companies';
import { DealsAnalyticsController } from './deals-analytics.controller';
import { DealsAnalyticsService } from './deals-analytics.service';

/**
 * Funnel and pipeline analytics of deals (`analytics/funnel`, `pipeline`, `stuck`, `owners`). It
 * reads the deals tables with its own set-based statements and never writes them.
 */
@Module({
  imports: [CompaniesModule],
  controllers: [DealsAnalyticsController],
  providers: [DealsAnalyticsService],
  exports: [DealsAnalyticsService],
})
export class DealsAnalyticsModule {}
