import { Module } from '@nestjs/common';
import { CompaniesModule } from '@crm/api/companies';
import { SaleChangeHooks } from '@crm/api/core';
import { ClientActivityController } from './client-activity.controller';
import { ClientsController } from './clients.controller';
import { ClientsService } from './clients.service';
import { ClientsWriter } from './clients.writer';
import { InteractionsService } from './interactions.service';
import { NotesService } from './notes.service';

@Module({
  imports: [CompaniesModule],
  controllers: [ClientsController, ClientActivityController],
  providers: [ClientsService, ClientsWriter, InteractionsService, NotesService, SaleChangeHooks],
  // The sale change hooks are process-wide: sales and insight modules share them.
  exports: [ClientsService, ClientsWriter, NotesService, InteractionsService, SaleChangeHooks, CompaniesModule],
})
export class ClientsModule {}
