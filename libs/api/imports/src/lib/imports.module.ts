import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { SalesModule } from '@crm/api/sales';
import { ExportsController } from './export/exports.controller';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { ImportJobsStore } from './jobs/import-jobs.store';
import { ImportQuota, ImportQuotaInterceptor } from './jobs/import-quota';
import { ImportRunner } from './jobs/import-runner';
import { ImportStorageModule } from './jobs/import-storage.module';
import { ImportWorker } from './jobs/import-worker';
import { databaseUploadStorage } from './jobs/upload-storage';

/**
 * CSV import of clients and sales (through the same batch upserts as the integration API) and
 * CSV/XLSX export of the client and sale lists. Uploads, reports and jobs live in the database;
 * runs go through the job queue (`ImportWorker`), so any API process serves any import.
 */
@Module({
  imports: [
    SalesModule,
    ImportStorageModule,
    MulterModule.registerAsync({
      imports: [ImportStorageModule],
      inject: [ImportJobsStore, ImportQuota],
      useFactory: (store: ImportJobsStore, quota: ImportQuota) => ({ storage: databaseUploadStorage(store, quota) }),
    }),
  ],
  controllers: [ImportsController, ExportsController],
  providers: [ImportsService, ImportRunner, ImportWorker, ImportQuotaInterceptor],
})
export class ImportsModule {}
