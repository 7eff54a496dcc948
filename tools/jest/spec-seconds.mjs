#!/usr/bin/env node
// Writes <suite>/spec-seconds.json — each spec's duration, which tools/jest/balanced-sequencer.cjs
// splits the shards by — from Jest's own timing cache (`perf-cache-*` in its cache directory) of
// the last run of that suite. Run the whole suite in one shard first:
//
//   E2E_SHARDS=1 npx nx test api-e2e && node tools/jest/spec-seconds.mjs apps/api-e2e
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, relative, resolve } from 'node:path';

const suite = process.argv[2];
if (!suite) {
  console.error('usage: spec-seconds.mjs <suite directory, e.g. apps/api-e2e>');
  process.exit(2);
}
const root = resolve(suite);
// Jest's default cache directory (jest-config: tmpdir/jest_<uid in base 36>).
const cacheDir = process.env.JEST_CACHE_DIR ?? join(tmpdir(), `jest_${userInfo().uid.toString(36)}`);
const caches = readdirSync(cacheDir)
  .filter((f) => f.startsWith('perf-cache-'))
  .map((f) => join(cacheDir, f))
  .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
const seconds = {};
for (const file of caches) {
  // { "<absolute spec path>": [failed (0/1), duration ms] }, the newest file last.
  for (const [path, [, ms]] of Object.entries(JSON.parse(readFileSync(file, 'utf8')))) {
    if (path.startsWith(`${root}/`) && typeof ms === 'number') {
      seconds[relative(root, path)] = Math.round(ms / 100) / 10;
    }
  }
}
const count = Object.keys(seconds).length;
if (count === 0) {
  console.error(`no timings of ${suite} in ${cacheDir}: run the suite first`);
  process.exit(1);
}
const sorted = Object.fromEntries(Object.entries(seconds).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(join(root, 'spec-seconds.json'), `${JSON.stringify(sorted, null, 2)}\n`);
console.log(
  `${suite}/spec-seconds.json: ${count} specs, ${Math.round(Object.values(seconds).reduce((a, b) => a + b, 0))} s in all`,
);
