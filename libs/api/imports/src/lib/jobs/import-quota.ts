import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type CompanyScope, type CrmRequest } from '@crm/api/core';
import { ImportJobsStore } from './import-jobs.store';

const MIB = 1024 * 1024;
const inMiB = (bytes: number) => `${Math.ceil(bytes / MIB).toLocaleString('en-US')} MiB`;

/**
 * The company's storage for imports (`IMPORT_STORAGE_LIMIT`): every upload is kept with its job
 * until the import is deleted, so without a limit any member could fill the disk a gigabyte at a time.
 */
@Injectable()
export class ImportQuota {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: ImportJobsStore,
  ) {}

  get limitBytes(): number {
    return this.config.imports.storageLimitBytes;
  }

  /** 413 when `incomingBytes` more would not fit in what the company has left. */
  async assertFits(scope: CompanyScope, incomingBytes: number): Promise<void> {
    const used = await this.store.usedBytes(scope);
    if (used + incomingBytes <= this.limitBytes) return;
    const left = Math.max(0, this.limitBytes - used);
    throw new PayloadTooLargeException(
      `The company's imports may keep ${inMiB(this.limitBytes)} of files; ${inMiB(left)} is left ` +
        `and this file is ${inMiB(incomingBytes)}. Delete old imports to make room.`,
    );
  }
}

/**
 * Refuses an upload before its file is received when its declared length cannot fit (413), so a
 * refused gigabyte is not written to disk first. The service checks the received size again.
 */
@Injectable()
export class ImportQuotaInterceptor implements NestInterceptor {
  constructor(private readonly quota: ImportQuota) {}

  async intercept(context: ExecutionContext, next: CallHandler) {
    const req = context.switchToHttp().getRequest<CrmRequest>();
    const declared = Number(req.headers['content-length'] ?? 0);
    if (req.companyScope && Number.isFinite(declared) && declared > 0) {
      await this.quota.assertFits(req.companyScope, declared);
    }
    return next.handle();
  }
}
