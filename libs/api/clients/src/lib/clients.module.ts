import { Module } from '@nestjs/common';
import { ApiKeysModule } from '@crm/api/api-keys';
import { CompaniesModule } from '@crm/api/companies';
import { ClientActivityController } from './client-activity.controller';
import { ClientsIntegrationController } from './clients-integration.controller';
import { ClientsController } from './clients.controller';
import { ClientsService } from './clients.service';
import { ClientsWriter } from './clients.writer';
import { IntegrationRateLimiter, IntegrationRateLimitGuard } from './integration/integration-route.decorator';
import { StorableTextPipe } from './integration/storable-text';
import { InteractionsService } from './interactions.service';
import { NotesService } from './notes.service';
import { SaleChangeHooks } from './sale-changes';

@Module({
  imports: [CompaniesModule, ApiKeysModule],
  controllers: [ClientsController, ClientActivityController, ClientsIntegrationController],
  providers: [
    ClientsService,
    ClientsWriter,
    InteractionsService,
    NotesService,
    SaleChangeHooks,
    IntegrationRateLimiter,
    IntegrationRateLimitGuard,
    StorableTextPipe,
  ],
  // The rate limiter and the sale change hooks are process-wide: sales and insight modules share them.
  exports: [
    ClientsService,
    ClientsWriter,
    SaleChangeHooks,
    IntegrationRateLimiter,
    IntegrationRateLimitGuard,
    CompaniesModule,
    ApiKeysModule,
  ],
})
export class ClientsModule {}
