#!/usr/bin/env node
// `npm start`: the API on the embedded database (or DATABASE_URL) and the web app with its dev
// proxy at http://localhost:4200. On first start the demo company is loaded (skip: CRM_DEMO_DATA=false),
// its dates moved so that its last sale is recent; a start a week or more after the last load moves
// them forward again, so the start screen's "last 30 days" keep showing the demo's sales.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_INTERACTIVE: 'false',
};
const apiPort = Number(env.PORT ?? 3000);
const dataDir = resolve(root, env.CRM_DATA_DIR ?? '.data');
const nx = join(root, 'node_modules', '.bin', 'nx');

const serve = spawn(nx, ['run-many', '-t', 'serve', '-p', 'api', 'web', '--parallel=2', '--output-style=stream'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
const stop = (signal) => serve.kill(signal);
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
serve.on('exit', (code) => process.exit(code ?? 0));

await waitFor(`http://localhost:${apiPort}/api/health`);
const marker = join(dataDir, 'demo-seeded');
const seed = join(root, 'tools', 'scripts', 'seed-demo.ts');
const WEEK_MS = 7 * 86_400_000;
const seededAt = existsSync(marker) ? Date.parse(readFileSync(marker, 'utf8').trim()) : NaN;
const stale = Number.isNaN(seededAt) || Date.now() - seededAt >= WEEK_MS;
if (env.CRM_DEMO_DATA !== 'false' && !env.DATABASE_URL && existsSync(seed) && stale) {
  console.log(
    existsSync(marker)
      ? "\nMoving the demo company's dates to this week…"
      : '\nLoading the demo company (first start only)…',
  );
  const result = spawnSync('npm', ['run', '--silent', 'seed:demo'], {
    cwd: root,
    env: { ...env, CRM_API_URL: `http://localhost:${apiPort}` },
    stdio: 'inherit',
  });
  if (result.status === 0) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(marker, new Date().toISOString());
  } else {
    console.warn('The demo data could not be loaded; the product works without it (`npm run seed:demo` retries).');
  }
}
await waitFor('http://localhost:4200/');
console.log(`\n  CRM is running: http://localhost:4200   (API docs: http://localhost:${apiPort}/api/docs)\n`);

async function waitFor(url) {
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}
