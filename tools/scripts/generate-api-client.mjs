// Generates the types of the typed API client (libs/api-client) from the API's OpenAPI document
// with openapi-typescript, formatted with the workspace's Prettier settings.
//
//   node tools/scripts/generate-api-client.mjs                  writes the types from the built API
//                                                                (dist/apps/api/main.js --openapi:
//                                                                no database, no server)
//   node tools/scripts/generate-api-client.mjs --check          exit 1 when the checked-in types differ
//   node tools/scripts/generate-api-client.mjs --check doc.json  the same against a document already
//                                                                written (the e2e spec passes the one the
//                                                                running API serves at /api/docs-json)
//
// npm scripts: `api-client:generate` and `api-client:check`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TYPES_FILE = join(root, 'libs', 'api-client', 'src', 'lib', 'openapi.ts');

const HEADER = `// GENERATED from the API's OpenAPI document by tools/scripts/generate-api-client.mjs
// (openapi-typescript). Do not edit: run \`npm run api-client:generate\` after changing the API.
`;

/** The document of the built API, written by `main.js --openapi` (needs no database). */
function documentOfBuiltApi() {
  const main = join(root, 'dist', 'apps', 'api', 'main.js');
  if (!existsSync(main)) {
    console.error(`${main} is missing: build the API first (npx nx build api)`);
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), 'crm-api-client-'));
  try {
    const file = join(dir, 'openapi.json');
    const run = spawnSync(process.execPath, [main, '--openapi', file], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, LOG_LEVEL: 'error' },
    });
    if (run.status !== 0) process.exit(run.status ?? 1);
    return JSON.parse(readFileSync(file, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The types file for `doc`: what the checked-in file must equal. */
export async function renderTypes(doc) {
  const ast = await openapiTS(doc, { alphabetize: true, exportType: false });
  const source = HEADER + '\n' + astToString(ast);
  const options = (await prettier.resolveConfig(TYPES_FILE)) ?? {};
  return prettier.format(source, { ...options, filepath: TYPES_FILE });
}

async function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const source = args.find((a) => !a.startsWith('--'));
  const doc = source ? JSON.parse(readFileSync(resolve(source), 'utf8')) : documentOfBuiltApi();
  const types = await renderTypes(doc);
  const name = relative(root, TYPES_FILE);
  if (!check) {
    writeFileSync(TYPES_FILE, types);
    console.log(`wrote ${name} (${types.split('\n').length} lines)`);
    return;
  }
  const current = existsSync(TYPES_FILE) ? readFileSync(TYPES_FILE, 'utf8') : '';
  if (current === types) {
    console.log(`${name} matches the OpenAPI document`);
    return;
  }
  const have = current.split('\n');
  const want = types.split('\n');
  const line = want.findIndex((l, i) => l !== have[i]);
  console.error(
    `${name} is out of date with the OpenAPI document: run \`npm run api-client:generate\` and commit it.\n` +
      `first difference at line ${line + 1}:\n  checked in: ${have[line] ?? '(end of file)'}\n  generated:  ${want[line] ?? '(end of file)'}`,
  );
  process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
