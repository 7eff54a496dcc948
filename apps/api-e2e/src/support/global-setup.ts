import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_MAIN, startApi } from './api-process';

/**
 * One database and one API process for the whole run. `TEST_DATABASE_URL` → that PostgreSQL
 * (it should be an empty database); otherwise an embedded PostgreSQL (PGlite) started here and
 * shared with the API over the socket server, so specs can also read the database directly.
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`nx build api\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-e2e-'));
  let databaseUrl = process.env['TEST_DATABASE_URL'];
  if (!databaseUrl) {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create();
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
    await server.start();
    databaseUrl = `postgres://postgres:postgres@${server.getServerConn()}/postgres`;
    globalThis.__CRM_E2E_PGLITE__ = { stop: async () => (await server.stop(), await db.close()) };
  }
  const api = await startApi({
    DATABASE_URL: databaseUrl,
    CRM_DATA_DIR: dataDir,
    // PGlite is one session whose socket server interleaves concurrent connections' messages:
    // one connection there; a real server gets a real pool.
    DB_POOL_SIZE: process.env['TEST_DATABASE_URL'] ? '8' : '1',
    // Specs register many users from one address; the per-address limit is proven by its own spec.
    AUTH_RATE_LIMIT: '100000',
    // The assistant specs ask many questions as one user; its per-user limit is proven by its own spec.
    ASSISTANT_RATE_LIMIT: '100000',
  });
  globalThis.__CRM_E2E_API__ = api;
  process.env['E2E_API_URL'] = api.url;
  process.env['E2E_DATABASE_URL'] = databaseUrl;
  process.env['E2E_DATA_DIR'] = dataDir;
}
