/**
 * A multer storage engine that streams an uploaded file to disk (never into memory), so that a
 * gigabyte CSV costs no more than a small one. Written against multer's documented engine
 * interface (`_handleFile`, `_removeFile`), without importing multer.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What the route handler gets for the uploaded file. */
export interface StoredUpload {
  /** Where the file was written. */
  path: string;
  size: number;
  originalname: string;
}

type Callback<T> = (error: unknown, info?: T) => void;

export function diskUploadStorage(dir: () => string) {
  return {
    _handleFile(_req: unknown, file: { stream: Readable }, callback: Callback<Partial<StoredUpload>>): void {
      const target = dir();
      mkdirSync(target, { recursive: true });
      const path = join(target, `${randomUUID()}.part`);
      let size = 0;
      file.stream.on('data', (chunk: Buffer) => (size += chunk.length));
      pipeline(file.stream, createWriteStream(path)).then(
        () => callback(null, { path, size }),
        (error: unknown) => {
          void rm(path, { force: true }).finally(() => callback(error));
        },
      );
    },
    _removeFile(_req: unknown, file: { path?: string }, callback: Callback<void>): void {
      if (!file.path) return callback(null);
      rm(file.path, { force: true }).then(
        () => callback(null),
        (error: unknown) => callback(error),
      );
    },
  };
}
