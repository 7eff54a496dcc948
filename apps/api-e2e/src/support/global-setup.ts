import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// A global setup is loaded by Node's own resolver (no workspace path mapping) and should not load the
// whole core library: the one module that starts the product's embedded database, by its path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startEmbeddedPostgres } from '../../../../libs/api/core/src/lib/database/embedded-postgres';
import { API_MAIN, startApi } from './api-process';
import { siblingDatabase } from './sibling-database';

/**
 * One database and one API process for the whole run. `TEST_DATABASE_URL` → that PostgreSQL
 * (it should be an empty database); otherwise the product's embedded PostgreSQL (PGlite) started
 * here and shared with the API over its socket server, so specs can also read the database directly.
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`nx build api\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-e2e-'));
  let databaseUrl = process.env['TEST_DATABASE_URL'];
  const shard = Number(process.env['E2E_SHARD'] ?? 1);
  if (databaseUrl && shard > 1) {
    // Shards run at once (tools/scripts/jest-shards.mjs): each after the first gets a fresh
    // sibling of the given database, and its specs take it as theirs (they derive their own
    // scratch databases' names from it).
    databaseUrl = await siblingDatabase(databaseUrl, `shard${shard}`);
    process.env['TEST_DATABASE_URL'] = databaseUrl;
    process.env['E2E_SIBLING_DATABASE'] = databaseUrl;
  }
  if (!databaseUrl) {
    // The product's own embedded database (in memory), as `npm start` runs it.
    const embedded = await startEmbeddedPostgres({ maxConnections: 64 });
    databaseUrl = embedded.url;
    globalThis.__CRM_E2E_PGLITE__ = embedded;
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
