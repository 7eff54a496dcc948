import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AnalyticsModule } from '@crm/api/analytics';
import { ApiKeysModule } from '@crm/api/api-keys';
import { AssistantModule } from '@crm/api/assistant';
import { AuthModule } from '@crm/api/auth';
import { ClientsModule } from '@crm/api/clients';
import { CompaniesModule } from '@crm/api/companies';
import {
  type AppConfig,
  AppConfigModule,
  createValidationPipe,
  DatabaseModule,
  ErrorFilter,
  HealthController,
  MIGRATIONS,
  ObservabilityModule,
} from '@crm/api/core';
import { DealsModule } from '@crm/api/deals';
import { ExchangeRatesModule } from '@crm/api/exchange-rates';
import { ImportsModule } from '@crm/api/imports';
import { IntegrationModule } from '@crm/api/integration';
import { JobsModule } from '@crm/api/jobs';
import { ReportsModule } from '@crm/api/reports';
import { SalesModule } from '@crm/api/sales';
import { UsersModule } from '@crm/api/users';

@Module({})
export class AppModule {
  /** The whole API for a validated configuration and a reachable PostgreSQL URL. */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        ObservabilityModule.forRoot(config),
        DatabaseModule.forRoot({ url: databaseUrl, migrations: MIGRATIONS }),
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: config.http.authRequestsPerMinute }]),
        UsersModule,
        CompaniesModule,
        AuthModule,
        ApiKeysModule,
        ClientsModule,
        SalesModule,
        DealsModule,
        ExchangeRatesModule,
        IntegrationModule,
        AnalyticsModule,
        ImportsModule,
        JobsModule,
        ReportsModule,
        AssistantModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
