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
 * until the import is deleted, so without a limit any member could fill the database a gigabyte at
 * a time. Counted from `import_files`: uploads (those still arriving included) and reports.
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

  /** Bytes the company has left, not counting the files of `except` (the upload being received). */
  async room(scope: CompanyScope, except: string | null = null): Promise<number> {
    return Math.max(0, this.limitBytes - (await this.store.usedBytes(scope, except)));
  }

  /** The 413 for a file of `incomingBytes` when `left` bytes are left. */
  refusal(left: number, incomingBytes: number): PayloadTooLargeException {
    return new PayloadTooLargeException(
      `The company's imports may keep ${inMiB(this.limitBytes)} of files; ${inMiB(left)} is left ` +
        `and this file is ${incomingBytes > left ? 'over ' : ''}${inMiB(incomingBytes)}. Delete old imports to make room.`,
    );
  }

  /** 413 when `incomingBytes` more would not fit in what the company has left (`except`'s files aside). */
  async assertFits(scope: CompanyScope, incomingBytes: number, except: string | null = null): Promise<void> {
    const left = await this.room(scope, except);
    if (incomingBytes > left) throw this.refusal(left, incomingBytes);
  }
}

/**
 * Refuses an upload before its file is received when its declared length cannot fit (413), so a
 * refused gigabyte is not stored first. The storage engine checks the bytes as they arrive.
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
