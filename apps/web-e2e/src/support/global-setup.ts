import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startWebServer } from './web-server';

/** One server (API + web app, embedded database in a fresh temp dir) for the whole run. */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-web-e2e-'));
  process.env['WEB_E2E_DATA_DIR'] = dataDir;
  const server = await startWebServer(dataDir);
  globalThis.__CRM_WEB_E2E_SERVER__ = server;
  process.env['WEB_E2E_URL'] = server.url;
  mkdirSync(join(ROOT, 'artifacts', 'screenshots'), { recursive: true });
}
