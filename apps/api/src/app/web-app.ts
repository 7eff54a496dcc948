import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { constants as zlib } from 'node:zlib';

/** Files the web build names by content (`main-5XKQ2GJH.js`, `chunk-…`, `styles-…`, `media/…`). */
const HASHED = /[-.][A-Z0-9]{8}\.[a-z0-9]+$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page names the hashed files of the current build: the browser revalidates it every time. */
export const REVALIDATE = 'no-cache';
/** Other files of the app (favicon, translations in `public/`): named the same across builds. */
const SHORT = 'public, max-age=3600';

export function cacheControlFor(file: string): string {
  const name = basename(file);
  if (name === 'index.html') return REVALIDATE;
  return HASHED.test(name) ? IMMUTABLE : SHORT;
}

/** `/api` and `/api/...` belong to the API; `/api-keys` or `/apiary` are the web app's. */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * Serves the built Angular app same-origin: files as they are, every other non-API GET as
 * index.html. Compressed (brotli or gzip, as the browser accepts) and cached: hashed files for a
 * year, immutable; index.html revalidated on every load. API answers are left as they are.
 */
export function serveWebApp(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) throw new Error(`CRM_WEB_DIST has no index.html: ${dir}`);
  app.use(
    compression({
      filter: (req: Request, res: Response) => !isApiPath(req.path) && compression.filter(req, res),
      // Quality 5 costs what gzip's default does (~20 ms for the largest chunk, 247 KB) and sends
      // 6% less than gzip (54 KB instead of 57 KB); the browser keeps the result for a year.
      brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
    }),
  );
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res: Response, file: string) => res.setHeader('Cache-Control', cacheControlFor(file)),
  });
  app.use((req: Request, res: Response, next: () => void) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && !isApiPath(req.path)) {
      res.sendFile(index, { cacheControl: false, headers: { 'Cache-Control': REVALIDATE } });
    } else next();
  });
}
