import { Module } from '@nestjs/common';
import { ApiKeysModule } from '@crm/api/api-keys';
import { ClientsModule } from '@crm/api/clients';
import { CompaniesModule } from '@crm/api/companies';
import { SalesModule } from '@crm/api/sales';
import { ClientsIntegrationController } from './clients-integration.controller';
import { CompanyIntegrationController } from './company-integration.controller';
import { DealsBatchWriter } from './deals-batch.writer';
import { DealsFeed } from './deals-feed';
import { DealsIntegrationController } from './deals-integration.controller';
import { IntegrationRateLimiter, IntegrationRateLimitGuard } from './integration-route.decorator';
import { SalesIntegrationController } from './sales-integration.controller';

/**
 * The integration API, `/api/v1/*`: every route authenticates with `X-API-Key` and is rate limited
 * per key (`@IntegrationRoute()`). The work itself is done by the domain services (batch upserts
 * by the writers, the change feeds by the services), shared with the web API and CSV imports.
 */
@Module({
  imports: [ApiKeysModule, CompaniesModule, ClientsModule, SalesModule],
  controllers: [
    CompanyIntegrationController,
    ClientsIntegrationController,
    SalesIntegrationController,
    DealsIntegrationController,
  ],
  providers: [IntegrationRateLimiter, IntegrationRateLimitGuard, DealsBatchWriter, DealsFeed],
})
export class IntegrationModule {}
