// Lints the API's OpenAPI document with Redocly (redocly.yaml: recommended rules, all errors).
//
//   node tools/scripts/lint-openapi.mjs            the document of the built API (dist/apps/api/main.js)
//   node tools/scripts/lint-openapi.mjs doc.json   a document already written (the e2e spec passes
//                                                  the one the running API serves at /api/docs-json)
//
// Either way the document is linted as dist/openapi/openapi.json (the path .redocly.lint-ignore.yaml
// names). Needs no database and starts no server. Exit code 1 on any problem.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = join(root, 'dist', 'openapi', 'openapi.json');
const source = process.argv[2];
mkdirSync(dirname(target), { recursive: true });

function run(args, env = {}) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

if (source) {
  if (resolve(source) !== target) copyFileSync(source, target);
} else {
  const main = join(root, 'dist', 'apps', 'api', 'main.js');
  if (!existsSync(main)) {
    console.error(`${main} is missing: build the API first (npx nx build api)`);
    process.exit(1);
  }
  if (run([main, '--openapi', target], { LOG_LEVEL: 'error' }) !== 0) process.exit(1);
}

const cli = join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
process.exit(
  run([cli, 'lint', target, '--config', join(root, 'redocly.yaml'), '--format', 'stylish'], {
    REDOCLY_TELEMETRY: 'off',
    REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  }),
);
