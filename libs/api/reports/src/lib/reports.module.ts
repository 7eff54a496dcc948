import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@crm/api/analytics';
import { CompaniesModule } from '@crm/api/companies';
import { DealsModule } from '@crm/api/deals';
import { DealsAnalyticsModule } from '@crm/api/deals-analytics';
import { ReportDelivery } from './delivery/report-delivery';
import { ReportExports } from './export/report-exports';
import { ReportGenerator } from './generation/report-generator';
import { NarratorBinding, REPORT_NARRATOR } from './generation/report-narrator';
import { RulesNarrator } from './generation/rules-narrator';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { ReportScheduler } from './schedule/report-scheduler';

/**
 * Reports (issue 11): generated on the durable job queue (`@crm/api/jobs`) from the analytics
 * services, kept as snapshots, exported, shared and scheduled. The narrator writing the conclusions
 * is bound to {@link REPORT_NARRATOR} ({@link NarratorBinding}): the rules narrator until the assistant binds its model narrator.
 */
@Module({
  imports: [CompaniesModule, AnalyticsModule, DealsModule, DealsAnalyticsModule],
  controllers: [ReportsController],
  providers: [
    ReportsService,
    ReportGenerator,
    ReportExports,
    ReportDelivery,
    ReportScheduler,
    RulesNarrator,
    NarratorBinding,
    { provide: REPORT_NARRATOR, useExisting: NarratorBinding },
  ],
  exports: [ReportsService, REPORT_NARRATOR, NarratorBinding, RulesNarrator],
})
export class ReportsModule {}
