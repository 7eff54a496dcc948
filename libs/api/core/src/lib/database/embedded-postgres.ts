import { mkdirSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { SessionQueue } from './pglite-session';

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
 * Starts PGlite on 127.0.0.1 behind pglite-socket's connection handlers, so the API uses one
 * driver (`pg`) and one SQL dialect whether it runs on a real server or embedded. PGlite is one
 * session: the connections share it through a {@link SessionQueue}, which gives it to one
 * connection from its first message until the backend is ready for the next query outside a
 * transaction, so neither a transaction nor an extended-protocol exchange is ever interleaved.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  // Both packages are ESM-first; load them lazily so a deployment on a real server never touches them.
  const { PGlite: PGliteClass } = await import('@electric-sql/pglite');
  let db: PGlite;
  if (options.dataDir) {
    const dir = join(options.dataDir, 'pgdata');
    mkdirSync(dir, { recursive: true });
    db = await PGliteClass.create(dir);
  } else {
    db = await PGliteClass.create();
  }
  const server = await serveSession(db, options.maxConnections, options.port ?? 0);
  let stopped = false;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${server.port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
      await db.close();
    },
  };
}

/** A TCP server on 127.0.0.1 whose connections share `db` through one {@link SessionQueue}. */
async function serveSession(
  db: PGlite,
  maxConnections: number,
  port: number,
): Promise<{ port: number; close(): Promise<void> }> {
  const { PGLiteSocketHandler: Handler } = await import('@electric-sql/pglite-socket');
  // The handler's option is typed as pglite-socket's own queue class; ours has its public shape.
  const queryQueue = new SessionQueue(db) as unknown as PGLiteSocketHandlerOptions['queryQueue'];
  const handlers = new Set<InstanceType<typeof Handler>>();
  const accept = async (socket: Socket) => {
    if (handlers.size >= maxConnections) {
      socket.end('Too many connections\n');
      return;
    }
    const handler = new Handler({ queryQueue, closeOnDetach: true });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    try {
      await handler.attach(socket);
    } catch {
      forget();
      socket.destroy();
    }
  };
  const server: Server = createServer((socket) => void accept(socket));
  await db.waitReady;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('embedded PostgreSQL: no TCP address');
  return {
    port: address.port,
    async close() {
      await Promise.all([...handlers].map((h) => h.detach(true)));
      handlers.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
