import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type ApiProcess, startApi } from '../support/api-process';

/**
 * A database of its own for specs that stop and start their own API: on a PostgreSQL run
 * (`TEST_DATABASE_URL`) a fresh database on that server, dropped afterwards; otherwise the API's
 * embedded PGlite in a data directory that outlives a restart.
 */
export async function ownDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const server = process.env['TEST_DATABASE_URL'];
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-reports-'));
  if (!server) return { env: { CRM_DATA_DIR: dataDir }, drop: async () => undefined };
  const name = `crm_reports_jobs_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    env: { CRM_DATA_DIR: dataDir, DATABASE_URL: url.toString(), DB_POOL_SIZE: '6' },
    async drop() {
      const client = new Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export const onPostgres = () => Boolean(process.env['TEST_DATABASE_URL']);

export async function startOwnApi(env: Record<string, string>): Promise<ApiProcess> {
  return startApi({ AUTH_RATE_LIMIT: '100000', ...env }, 120_000);
}
