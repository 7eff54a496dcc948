import { once } from 'node:events';
import { createServer, type Server, type Socket, connect } from 'node:net';

/**
 * A TCP proxy in front of the test database, to take the database away from an API process and
 * give it back: `cut()` drops every connection and refuses new ones (a restart or an outage),
 * `stall()` accepts connections and never answers (a pool that cannot get a connection in time),
 * `restore()` forwards again.
 */
export interface DbProxy {
  /** The database URL through the proxy. */
  url: string;
  cut(): Promise<void>;
  stall(): void;
  restore(): Promise<void>;
  close(): Promise<void>;
  /** Local ports of the proxy's connections to the database (`client_port` in `pg_stat_activity`). */
  upstreamPorts(): number[];
}

export async function startDbProxy(databaseUrl: string): Promise<DbProxy> {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  const upstreams = new Set<Socket>();
  let mode: 'forward' | 'stall' = 'forward';
  let port = 0;

  const listen = async (): Promise<Server> => {
    const server = createServer((client) => {
      sockets.add(client);
      client.on('close', () => sockets.delete(client));
      client.on('error', () => client.destroy());
      if (mode === 'stall') return;
      const upstream = connect(Number(target.port || 5432), target.hostname);
      sockets.add(upstream);
      upstreams.add(upstream);
      upstream.on('close', () => (sockets.delete(upstream), upstreams.delete(upstream), client.destroy()));
      upstream.on('error', () => upstream.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as { port: number }).port;
    return server;
  };

  let server: Server | null = await listen();
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  const cut = async () => {
    const closing = server;
    server = null;
    if (closing) {
      const closed = once(closing, 'close');
      closing.close();
      dropAll();
      await closed;
    }
  };

  return {
    url: url.toString(),
    cut,
    stall() {
      mode = 'stall';
      dropAll();
    },
    async restore() {
      mode = 'forward';
      server ??= await listen();
    },
    close: cut,
    upstreamPorts: () => [...upstreams].map((s) => s.localPort).filter((p): p is number => p !== undefined),
  };
}
