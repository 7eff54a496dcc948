#!/usr/bin/env node
/**
 * What the browser downloads for the start screen `/` (signed in): the initial chunks of
 * `main.ts` plus the lazy chunks of the shell and home routes, each with its static imports.
 * Reads the esbuild metafile written by `npx nx build web --stats-json`.
 *
 *   node apps/web/scripts/start-chunks.mjs [dist/apps/web]
 *
 * Prints raw and gzip bytes per chunk and which libs/web projects' source files are inside,
 * so a feature page reaching the start screen shows up by name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist/apps/web';
const { outputs } = JSON.parse(readFileSync(join(dist, 'stats.json'), 'utf8'));
const js = Object.entries(outputs).filter(([file]) => file.endsWith('.js'));
const byEntry = (entry) => js.find(([, out]) => out.entryPoint === entry)?.[0];
const prefix = (file) => file.slice(file.lastIndexOf('/') + 1);

function closure(start, seen = new Set()) {
  const stack = [start];
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imp of outputs[file]?.imports ?? []) {
      if (imp.kind === 'import-statement') stack.push(imp.path);
    }
  }
  return seen;
}

function sizes(files) {
  let raw = 0;
  let gzip = 0;
  const projects = new Map();
  for (const file of files) {
    const body = readFileSync(join(dist, 'browser', prefix(file)));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
    for (const input of Object.keys(outputs[file].inputs ?? {})) {
      const m = /^libs\/web\/([^/]+)\/src\/lib\/(.*)$/.exec(input);
      if (!m) continue;
      if (!projects.has(m[1])) projects.set(m[1], []);
      projects.get(m[1]).push(m[2]);
    }
  }
  return { raw, gzip, projects };
}

const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
const main = byEntry('apps/web/src/main.ts');
const initial = closure(main);
const start = new Set(initial);
for (const entry of ['libs/web/shell/src/index.ts', 'libs/web/home/src/index.ts']) {
  const file = byEntry(entry);
  if (file) closure(file, start);
}

for (const [label, files] of [
  ['initial (main.ts)', initial],
  ['start screen / (initial + shell + home)', start],
]) {
  const { raw, gzip, projects } = sizes(files);
  console.log(`${label}: ${files.size} chunks, ${kb(raw)} raw, ${kb(gzip)} gzip`);
  for (const [project, inputs] of [...projects].sort()) {
    console.log(`  libs/web/${project}: ${inputs.length} files`);
    if (process.argv.includes('--files')) for (const input of inputs.sort()) console.log(`    ${input}`);
  }
}
