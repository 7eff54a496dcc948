/** The benchmark's PostgreSQL database and the COPY baseline (psql `\copy`, i.e. COPY FROM STDIN). */
import { spawn } from 'node:child_process';
import { Client } from 'pg';

export const databaseUrl = (serverUrl: string, database: string) => `${serverUrl.replace(/\/+$/, '')}/${database}`;

/** Drops and re-creates `database` on the server. */
export async function recreateDatabase(serverUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Unsafe database name: ${database}`);
  const admin = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
}

export async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Runs `psql -c <command>` against `url`; rejects with psql's message on failure. */
export function psql(url: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', command], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', (error) => reject(new Error(`psql could not start (${error.message}); is psql installed?`)));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`psql failed: ${err.trim()}`))));
  });
}

/** `\copy table(columns) FROM 'file' CSV`: psql reads the file and streams it with COPY FROM STDIN. */
export function copyFromCsv(url: string, table: string, columns: string[], file: string): Promise<string> {
  return psql(url, `\\copy ${table}(${columns.join(', ')}) FROM '${file.replace(/'/g, "''")}' WITH (FORMAT csv)`);
}
