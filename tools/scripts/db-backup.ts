/**
 * `npm run db:backup -- <file>` and `npm run db:restore -- <file>`: a copy of the whole database and
 * back, for the embedded database and for a PostgreSQL server alike (docs/operations.md).
 *
 * - With `DATABASE_URL` (a server): `pg_dump --format=custom` / `pg_restore --clean --if-exists`,
 *   with the client tools of the server's major version on the PATH. Restore first makes sure the
 *   role `crm_tenant` exists on the target server (roles are per server, the dump grants to it).
 * - Without (the embedded database in `CRM_DATA_DIR/pgdata`): PGlite's own data-directory archive
 *   (`.tar.gz`). Stop the API first: the embedded database is one process's files. Restore keeps the
 *   folder it replaces as `pgdata.before-restore-<time>`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { Client } from 'pg';

type Command = 'backup' | 'restore';

function dataDir(): string {
  const dir = process.env['CRM_DATA_DIR'] || '.data';
  return join(isAbsolute(dir) ? dir : resolve(process.cwd(), dir), 'pgdata');
}

function run(tool: string, args: string[]): void {
  const result = spawnSync(tool, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) {
    throw new Error(`${tool} could not run (${result.error.message}): install PostgreSQL's client tools`);
  }
  if (result.status !== 0) throw new Error(`${tool} failed with exit code ${result.status}`);
}

async function ensureTenantRole(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'crm_tenant') THEN CREATE ROLE crm_tenant NOLOGIN; END IF;
    END $$`);
  } finally {
    await client.end();
  }
}

async function serverBackup(url: string, file: string): Promise<void> {
  run('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', url]);
}

async function serverRestore(url: string, file: string): Promise<void> {
  await ensureTenantRole(url);
  run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', url, file]);
}

async function embeddedBackup(file: string): Promise<void> {
  const dir = dataDir();
  if (!existsSync(dir) || readdirSync(dir).length === 0) throw new Error(`No embedded database in ${dir}`);
  if (existsSync(join(dir, 'postmaster.pid'))) {
    throw new Error(
      `The embedded database in ${dir} is open (postmaster.pid): stop the API first. ` +
        'If no process uses it (it crashed), delete that file and try again.',
    );
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dir);
  try {
    const archive = await db.dumpDataDir('gzip');
    writeFileSync(file, Buffer.from(await archive.arrayBuffer()));
  } finally {
    await db.close();
  }
}

async function embeddedRestore(file: string): Promise<void> {
  const dir = dataDir();
  if (existsSync(join(dir, 'postmaster.pid'))) {
    throw new Error(`The embedded database in ${dir} is open (postmaster.pid): stop the API first.`);
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    const aside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dir, aside);
    console.log(`The database it replaces is kept in ${aside}`);
  }
  mkdirSync(dir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const archive = new Blob([readFileSync(file)], { type: 'application/x-gzip' });
  const db = await PGlite.create({ dataDir: dir, loadDataDir: archive });
  try {
    await db.query('SELECT 1');
  } finally {
    await db.close();
  }
}

export async function databaseCopy(command: Command, file: string, url = process.env['DATABASE_URL']): Promise<void> {
  const target = resolve(file);
  if (command === 'restore' && !existsSync(target)) throw new Error(`${target} does not exist`);
  if (url) {
    await (command === 'backup' ? serverBackup(url, target) : serverRestore(url, target));
  } else {
    await (command === 'backup' ? embeddedBackup(target) : embeddedRestore(target));
  }
  console.log(`${command === 'backup' ? 'Backed up to' : 'Restored from'} ${target}`);
}

if (require.main === module) {
  const [command, file] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || !file) {
    console.error('Usage: npm run db:backup -- <file> | npm run db:restore -- <file>');
    process.exit(2);
  }
  databaseCopy(command, file).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
