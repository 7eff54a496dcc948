// Measures @bsull/augurs 0.10.2 (ESM/WASM) on M3 monthly for ADR 0002:
// AutoETS (the only spec it fits is non-seasonal) and MSTL + ETS trend, horizon 18.
// Run from the repository root: node bench/forecast-m3/augurs-eval.mjs
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = resolve(root, '../shared/data/m3-monthly');
const pkg = join(root, 'node_modules/@bsull/augurs');
if (!existsSync(join(dataDir, 'train.csv.gz'))) {
  console.log(`M3 data not found in ${dataDir}: skipped.`);
  process.exit(0);
}
const rows = (f) =>
  gunzipSync(readFileSync(join(dataDir, f)))
    .toString()
    .trim()
    .split('\n')
    .map((l) => l.split(','));
const train = rows('train.csv.gz');
const test = rows('test.csv.gz');

const ets = await import(join(pkg, 'ets.js'));
const mstl = await import(join(pkg, 'mstl.js'));
ets.initSync({ module: readFileSync(join(pkg, 'ets_bg.wasm')) });
mstl.initSync({ module: readFileSync(join(pkg, 'mstl_bg.wasm')) });

function score(x, y, f) {
  let scale = 0;
  for (let t = 12; t < x.length; t++) scale += Math.abs(x[t] - x[t - 12]);
  scale /= x.length - 12;
  let smape = 0;
  let mae = 0;
  y.forEach((a, h) => {
    smape += (200 * Math.abs(a - f[h])) / (Math.abs(a) + Math.abs(f[h]));
    mae += Math.abs(a - f[h]);
  });
  return [smape / y.length, mae / y.length / scale];
}

const methods = {
  'AutoETS(12, "ZZN")': (x) => {
    const m = new ets.AutoETS(12, 'ZZN');
    m.fit(x);
    const r = m.predict(18, 0.95).point;
    m.free();
    return r;
  },
  'MSTL.ets([12])': (x) => {
    const m = mstl.MSTL.ets([12]);
    m.fit(x);
    const r = m.predict(18, 0.95).point;
    m.free();
    return r;
  },
};
for (const spec of ['ZZZ', 'AAA', 'MAM']) {
  try {
    const m = new ets.AutoETS(12, spec);
    m.fit(train[0].slice(1).map(Number));
    const p = m.predict(13).point;
    console.log(
      `AutoETS spec ${spec}: fits; forecast is ${p[0] === p[12] && p[0] === p[6] ? 'flat (no seasonality)' : 'seasonal'}`,
    );
  } catch (e) {
    console.log(`AutoETS spec ${spec}: ${e}`);
  }
}
for (const [name, run] of Object.entries(methods)) {
  let smape = 0;
  let mase = 0;
  const times = [];
  train.forEach((row, i) => {
    const x = row.slice(1).map(Number);
    const y = test[i].slice(1).map(Number);
    const start = performance.now();
    const f = run(x);
    times.push(performance.now() - start);
    const [a, b] = score(x, y, f);
    smape += a;
    mase += b;
  });
  times.sort((a, b) => a - b);
  const n = train.length;
  console.log(
    `${name.padEnd(20)} sMAPE ${(smape / n).toFixed(2)}  MASE ${(mase / n).toFixed(3)}  median ${times[n >> 1].toFixed(1)} ms  p95 ${times[Math.floor(0.95 * n)].toFixed(1)} ms`,
  );
}
