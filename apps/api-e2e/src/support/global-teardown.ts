import { rmSync } from 'node:fs';
import { dropDatabase } from './sibling-database';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__CRM_E2E_API__?.stop();
  await globalThis.__CRM_E2E_PGLITE__?.stop();
  const sibling = process.env['E2E_SIBLING_DATABASE'];
  if (sibling) await dropDatabase(sibling);
  const dataDir = process.env['E2E_DATA_DIR'];
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
