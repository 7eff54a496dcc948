#!/usr/bin/env node
// Runs an end-to-end suite (one API process and database per run, specs in band) as shards running
// at once, each a jest process of its own with its own global setup: its own API, its own database
// (a server database gets a sibling per shard, see the suite's global setup). Specs are split by
// their measured duration (tools/jest/balanced-sequencer.cjs). Each shard's output is printed whole
// when it ends, its PASS/FAIL lines as they come; the exit code is the first failing shard's.
//
//   node tools/scripts/jest-shards.mjs <jest config> [jest arguments…]
//
// E2E_SHARDS sets the count (default: 2 on a machine with two or more cores, else 1). Arguments
// that pick specs (paths, -t) run one jest as they are: the choice is the caller's.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const [config, ...args] = process.argv.slice(2);
if (!config) {
  console.error('usage: jest-shards.mjs <jest config> [jest arguments…]');
  process.exit(2);
}
const jest = join(root, 'node_modules', '.bin', 'jest');
const picks = args.some((a) => !a.startsWith('-') || /^(-t|--testNamePattern|--testPathPattern)/.test(a));
const requested = Number(process.env.E2E_SHARDS ?? (availableParallelism() >= 2 ? 2 : 1));
const shards = picks || !(requested >= 1) ? 1 : Math.floor(requested);

function run(index) {
  const shardArgs = shards > 1 ? [`--shard=${index}/${shards}`] : [];
  const prefix = shards > 1 ? `[shard ${index}/${shards}] ` : '';
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(jest, ['-c', config, '--runInBand', ...shardArgs, ...args], {
      cwd: root,
      env: { ...process.env, E2E_SHARD: String(index) },
      stdio: shards > 1 ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    if (shards === 1) {
      child.on('exit', (code, signal) => done({ index, code: code ?? (signal ? 1 : 0) }));
      return;
    }
    const chunks = [];
    let partial = '';
    const collect = (chunk) => {
      chunks.push(chunk);
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        // eslint-disable-next-line no-control-regex -- colours Jest writes when asked to
        if (/^\s*(PASS|FAIL) /.test(line.replace(/\u001b\[[0-9;]*m/g, ''))) process.stdout.write(`${prefix}${line}\n`);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code, signal) => {
      const output = Buffer.concat(chunks).toString('utf8');
      process.stdout.write(`\n──── ${prefix}output (${Math.round((Date.now() - started) / 1000)} s) ────\n${output}\n`);
      done({ index, code: code ?? (signal ? 1 : 0) });
    });
  });
}

const stop = (signal) => process.exit(signal === 'SIGINT' ? 130 : 143);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const results = await Promise.all(Array.from({ length: shards }, (_, i) => run(i + 1)));
if (shards > 1) {
  for (const r of results)
    console.log(`shard ${r.index}/${shards}: ${r.code === 0 ? 'passed' : `failed (exit ${r.code})`}`);
}
process.exit(results.find((r) => r.code !== 0)?.code ?? 0);
