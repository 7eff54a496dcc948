import { Module } from '@nestjs/common';
import { ClientsModule } from '@crm/api/clients';
import { ClientSalesController, SalesController } from './sales.controller';
import { SalesService } from './sales.service';
import { SalesWriter } from './sales.writer';

@Module({
  imports: [ClientsModule],
  controllers: [SalesController, ClientSalesController],
  providers: [SalesService, SalesWriter],
  exports: [SalesService, SalesWriter, ClientsModule],
})
export class SalesModule {}
