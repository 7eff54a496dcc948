/**
 * Splits an end-to-end suite's spec files between shards (`jest --shard=i/n`) by how long each
 * takes, so the shards that run at once end together: Jest's own split is by a hash of the path,
 * which can put the three longest specs in one shard. A spec's weight is its duration in the
 * `spec-seconds.json` beside the suite's jest config (written by `tools/jest/spec-seconds.mjs`;
 * a spec not listed weighs the median of those listed); the heaviest go first, each to the
 * lightest shard. Within a shard the order is Jest's (failed first, then slowest by its cache).
 */
const { existsSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/** Each spec's weight in seconds, by its path relative to the suite's root. */
function weights(tests) {
  if (tests.length === 0) return () => 1;
  const root = tests[0].context.config.rootDir;
  const file = join(root, 'spec-seconds.json');
  const known = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const listed = Object.values(known)
    .filter((v) => typeof v === 'number')
    .sort((a, b) => a - b);
  const fallback = listed.length > 0 ? listed[Math.floor(listed.length / 2)] : 1;
  return (test) => known[relative(root, test.path).split('\\').join('/')] ?? fallback;
}

class BalancedSequencer extends Sequencer {
  shard(tests, { shardIndex, shardCount }) {
    const weightOf = weights(tests);
    const loads = Array.from({ length: shardCount }, () => 0);
    const mine = [];
    // Heaviest first, ties by path: every shard process computes the same split.
    const ordered = [...tests].sort((a, b) => weightOf(b) - weightOf(a) || (a.path < b.path ? -1 : 1));
    for (const test of ordered) {
      const lightest = loads.indexOf(Math.min(...loads));
      loads[lightest] += weightOf(test);
      if (lightest === shardIndex - 1) mine.push(test);
    }
    return mine;
  }
}

module.exports = BalancedSequencer;
