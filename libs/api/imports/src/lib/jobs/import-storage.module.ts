import { Module } from '@nestjs/common';
import { ImportJobsStore } from './import-jobs.store';
import { ImportQuota } from './import-quota';

/** The import tables and the storage limit: shared by the upload engine (multer) and the imports module. */
@Module({
  providers: [ImportJobsStore, ImportQuota],
  exports: [ImportJobsStore, ImportQuota],
})
export class ImportStorageModule {}
