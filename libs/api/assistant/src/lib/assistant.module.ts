import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@crm/api/analytics';
import { ClientsModule } from '@crm/api/clients';
import { CompaniesModule } from '@crm/api/companies';
import { DealsModule } from '@crm/api/deals';
import { DealsAnalyticsModule } from '@crm/api/deals-analytics';
import { ReportsModule } from '@crm/api/reports';
import { SalesModule } from '@crm/api/sales';
import { AgentEngine } from './agent-engine';
import { ASSISTANT_CONFIG, loadAssistantConfig } from './assistant-config';
import { AssistantController } from './assistant.controller';
import { AssistantService } from './assistant.service';
import { AssistantTools } from './assistant-tools';
import { ClientRecommendationsController } from './client-recommendations.controller';
import { ClientRecommendationsService } from './client-recommendations.service';
import { ConversationsService } from './conversations.service';
import { DailyRecommendationsService } from './daily-recommendations.service';
import { ModelNarratorSetup } from './model-narrator';
import { OfflineEngine } from './offline-engine';

/**
 * The AI assistant (issue 12): a LangChain agent, or the offline planner without a model, over typed
 * tools that call the analytics, clients, sales, deals and deals analytics services with the request's company scope.
 */
@Module({
  imports: [
    CompaniesModule,
    ClientsModule,
    SalesModule,
    AnalyticsModule,
    ReportsModule,
    DealsModule,
    DealsAnalyticsModule,
  ],
  controllers: [AssistantController, ClientRecommendationsController],
  providers: [
    { provide: ASSISTANT_CONFIG, useFactory: () => loadAssistantConfig() },
    AssistantTools,
    OfflineEngine,
    AgentEngine,
    ConversationsService,
    AssistantService,
    ClientRecommendationsService,
    ModelNarratorSetup,
    DailyRecommendationsService,
  ],
  exports: [AssistantService, AssistantTools, ClientRecommendationsService],
})
export class AssistantModule {}
