import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '@crm/api/core';
import { SalesModule } from '@crm/api/sales';
import { ExportsController } from './export/exports.controller';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { importsRoot, ImportJobsStore, incomingDir } from './jobs/import-jobs.store';
import { ImportQuota, ImportQuotaInterceptor } from './jobs/import-quota';
import { ImportRunner } from './jobs/import-runner';
import { diskUploadStorage } from './jobs/upload-storage';

/**
 * CSV import of clients and sales (through the same batch upserts as the integration API) and
 * CSV/XLSX export of the client and sale lists.
 */
@Module({
  imports: [
    SalesModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ storage: diskUploadStorage(() => incomingDir(importsRoot(config))) }),
    }),
  ],
  controllers: [ImportsController, ExportsController],
  providers: [ImportsService, ImportRunner, ImportJobsStore, ImportQuota, ImportQuotaInterceptor],
})
export class ImportsModule {}
