import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A running embedded PostgreSQL (PGlite) reachable through the ordinary `pg` wire protocol. */
export interface EmbeddedPostgres {
  /** `postgres://…` URL for the `pg` driver. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder for the database files; `undefined` keeps everything in memory. */
  dataDir?: string;
  /** Must be at least the connection pool size: the socket server refuses connections past it. */
  maxConnections: number;
  port?: number;
}

/**
 * Starts PGlite behind pglite-socket on 127.0.0.1, so the API uses one driver (`pg`) and one SQL
 * dialect whether it runs on a real server or embedded. The socket server runs one query at a time
 * and keeps a transaction on its connection until it ends, so concurrent transactions stay correct.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  // Both packages are ESM-first; load them lazily so a deployment on a real server never touches them.
  const { PGlite: PGliteClass } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer: Server } = await import('@electric-sql/pglite-socket');
  let db: PGlite;
  if (options.dataDir) {
    const dir = join(options.dataDir, 'pgdata');
    mkdirSync(dir, { recursive: true });
    db = await PGliteClass.create(dir);
  } else {
    db = await PGliteClass.create();
  }
  const server: PGLiteSocketServer = new Server({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections,
  });
  await server.start();
  let stopped = false;
  return {
    url: `postgres://postgres:postgres@${server.getServerConn()}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
    },
  };
}
