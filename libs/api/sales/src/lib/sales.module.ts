import { Module } from '@nestjs/common';
import { ClientsModule } from '@crm/api/clients';
import { ExchangeRatesController } from './exchange-rates.controller';
import { ExchangeRatesService } from './exchange-rates.service';
import { SalesIntegrationController } from './sales-integration.controller';
import { ClientSalesController, SalesController } from './sales.controller';
import { SalesService } from './sales.service';
import { SalesWriter } from './sales.writer';

@Module({
  imports: [ClientsModule],
  controllers: [SalesController, ClientSalesController, ExchangeRatesController, SalesIntegrationController],
  providers: [SalesService, SalesWriter, ExchangeRatesService],
  exports: [SalesService, SalesWriter, ExchangeRatesService, ClientsModule],
})
export class SalesModule {}
