import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..', '..');
export const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'main.js');
export const WEB_DIST = join(ROOT, 'dist', 'apps', 'web', 'browser');

export interface WebServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Starts the built API with the built web app same-origin, on an embedded database in `dataDir`,
 * and waits for /api/health. Nothing is built here: the e2e target depends on both builds.
 */
export async function startWebServer(dataDir: string, timeoutMs = 90_000): Promise<WebServer> {
  for (const [what, path] of [
    ['API', API_MAIN],
    ['web app', join(WEB_DIST, 'index.html')],
  ]) {
    if (!existsSync(path)) throw new Error(`The ${what} is not built (${path}): run \`nx e2e web-e2e\``);
  }
  // A port found free can be taken before the API binds it (the embedded database's socket server
  // in the same process listens on an ephemeral port first): then start again on another port.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(dataDir, timeoutMs);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOnce(dataDir: string, timeoutMs: number): Promise<WebServer> {
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, [API_MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      CRM_DATA_DIR: dataDir,
      CRM_WEB_DIST: WEB_DIST,
      // Every spec signs up and in from one address; the limit itself is the API's to prove.
      AUTH_RATE_LIMIT: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The API exited with ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The API did not become healthy in ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    process: child,
    output: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
