#!/usr/bin/env bash
# Row-level security on and off in the same session (issue 10): `bench:analytics` at 100,000 sales in
# alternating runs, the policies on (what the API does: `crm_tenant` under FORCE ROW LEVEL SECURITY)
# and off (`ALTER ROLE crm_tenant BYPASSRLS`, so only the policies differ: the role switch and the
# company setting stay), then the median over the runs of each query's p50 per mode.
#
#   BENCH_PAIRS=5 bash bench/analytics/rls-ab.sh
#
# The role is global to the PostgreSQL cluster: never run this while tests or an API use the same
# cluster (CI does not run it). The role is set back to NOBYPASSRLS on exit, however it ends.
set -euo pipefail
cd "$(dirname "$0")/../.."

PAIRS=${BENCH_PAIRS:-5}
URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
OUT=${BENCH_OUT:-artifacts/bench-rls-ab}
mkdir -p "$OUT"

policies() { psql "$URL" -qXc "ALTER ROLE crm_tenant $1"; }
trap 'policies NOBYPASSRLS' EXIT

for i in $(seq 1 "$PAIRS"); do
  for mode in on off; do
    if [ "$mode" = off ]; then policies BYPASSRLS; else policies NOBYPASSRLS; fi
    echo "pair $i, policies $mode ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
    BENCH_SIZES=100000 BENCH_RUNS=${BENCH_RUNS:-20} BENCH_PLAIN_RUNS=2 npm run -s bench:analytics > "$OUT/$mode-$i.log"
  done
done
policies NOBYPASSRLS

# "  <query, 42 wide>  <p50> <p95>    | ..." and the ingest line, per run; medians per mode.
node - "$OUT" "$PAIRS" <<'EOF'
const fs = require('node:fs');
const [dir, pairs] = process.argv.slice(2);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const read = (mode) => {
  const runs = new Map();
  for (let i = 1; i <= Number(pairs); i++) {
    for (const line of fs.readFileSync(`${dir}/${mode}-${i}.log`, 'utf8').split('\n')) {
      const query = /^ {2}(\S.{41}) {2}\s*([\d.]+)\s+([\d.]+)\s+\|/.exec(line);
      const ingest = /^ {2}ingest, .*?: (\d+) ms with the analytics triggers/.exec(line);
      const [name, p50] = query ? [query[1].trim(), Number(query[2])] : ingest ? ['SalesWriter batch of 5,000', Number(ingest[1])] : [];
      if (name) runs.set(name, [...(runs.get(name) ?? []), p50]);
    }
  }
  return runs;
};
const on = read('on');
const off = read('off');
const rows = [...on.keys()].map((name) => [name, median(on.get(name)), median(off.get(name) ?? [NaN])]);
const fmt = (x) => (x >= 10 ? x.toFixed(0) : x.toFixed(1)).padStart(11);
console.log(`\nmedian over ${pairs} runs per mode of the p50, ms\n${'query'.padEnd(44)}policies on  policies off   on / off`);
for (const [name, a, b] of rows) console.log(`${name.padEnd(44)}${fmt(a)} ${fmt(b)} ${(a / b).toFixed(2).padStart(10)}`);
const reads = rows.filter(([name]) => !name.startsWith('SalesWriter'));
const sum = (k) => reads.reduce((s, r) => s + r[k], 0);
console.log(`${'sum of the reads'.padEnd(44)}${fmt(sum(1))} ${fmt(sum(2))} ${(sum(1) / sum(2)).toFixed(2).padStart(10)}`);
EOF
