/**
 * A multer storage engine that streams an uploaded file into the database (`import_files`, about
 * 1 MiB a row) as it arrives, never whole into memory, so that a gigabyte CSV costs no more than a
 * small one and any API process can read it. The upload becomes a job row (`receiving`) before its
 * first chunk, so its bytes count against the company's limit while they arrive; a file that
 * outgrows the room left is cut off there with 413. Written against multer's documented engine
 * interface (`_handleFile`, `_removeFile`), without importing multer.
 */
import type { CrmRequest } from '@crm/api/core';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { insertChunk, storeInChunks } from './import-files';
import type { ImportJobsStore } from './import-jobs.store';
import type { ImportQuota } from './import-quota';

/** What the route handler gets for the uploaded file. */
export interface StoredUpload {
  /** The job row that holds the file (still `receiving`). */
  jobId: string;
  size: number;
  originalname: string;
}

type Callback<T> = (error: unknown, info?: T) => void;

export function databaseUploadStorage(store: ImportJobsStore, quota: ImportQuota) {
  return {
    _handleFile(
      req: CrmRequest,
      file: { stream: Readable; originalname: string },
      callback: Callback<Partial<StoredUpload>>,
    ): void {
      const scope = req.companyScope;
      if (!scope) {
        file.stream.resume();
        return callback(new Error('An upload needs a company'));
      }
      const jobId = randomUUID();
      const receive = async () => {
        await store.startReceiving(scope, jobId, file.originalname || 'upload.csv');
        try {
          const room = await quota.room(scope, jobId);
          const ref = { scope, jobId, kind: 'upload' as const };
          // Not destroyed when refused: multer answers the request, the rest of the body is drained.
          const size = await storeInChunks(
            file.stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>,
            (seq, chunk) => store.db.run(scope, (m) => insertChunk(m, ref, seq, chunk)),
            (total) => {
              if (total > room) throw quota.refusal(room, total);
            },
          );
          return { jobId, size };
        } catch (error) {
          file.stream.resume();
          await store.discard(scope, jobId).catch(() => undefined);
          throw error;
        }
      };
      receive().then(
        (info) => callback(null, info),
        (error: unknown) => callback(error),
      );
    },
    _removeFile(req: CrmRequest, file: Partial<StoredUpload>, callback: Callback<void>): void {
      if (!file.jobId || !req.companyScope) return callback(null);
      store.discard(req.companyScope, file.jobId).then(
        () => callback(null),
        (error: unknown) => callback(error),
      );
    },
  };
}
