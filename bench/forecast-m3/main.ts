/**
 * M3 monthly benchmark of the forecasting engine (`forecast` of `@crm/api/analytics-models`):
 * 1,428 series, horizon 18, sMAPE and MASE averaged as in `../shared/data/m3-monthly/baselines.py`.
 * Run with `npm run bench:forecast-m3` (add `-- --validation` to score on the last 18 training
 * values instead of the test set, `-- --limit=N` for the first N series).
 */
import { forecast } from '@crm/api/analytics-models';
import { loadM3, M3_DIR, m3Available, M3Series } from './data';

const HORIZON = 18;
const PERIOD = 12;

/** Published M3 monthly results (Hyndman 2018, same formulas); see the data README. */
const PUBLISHED: [string, number, number][] = [
  ['Seasonal naive (published)', 17.23, 1.146],
  ['Theta thetaf (published)', 13.86, 0.864],
  ['ETS ets (published)', 14.14, 0.865],
  ['ETS-ARIMA-Theta mean (published)', 13.53, 0.828],
];

/** sMAPE (percent) and MASE of one series, exactly as baselines.py (scale: in-sample lag-12 MAE). */
function score(series: M3Series, f: readonly number[]): { smape: number; mase: number } {
  const { x, y } = series;
  let scale = 0;
  for (let t = PERIOD; t < x.length; t++) scale += Math.abs(x[t] - x[t - PERIOD]);
  scale /= x.length - PERIOD;
  let smape = 0;
  let mae = 0;
  y.forEach((actual, h) => {
    smape += (200 * Math.abs(actual - f[h])) / (Math.abs(actual) + Math.abs(f[h]));
    mae += Math.abs(actual - f[h]);
  });
  return { smape: smape / y.length, mase: mae / y.length / scale };
}

/** Seasonal naive written out independently of the engine (sanity check of data and metrics). */
function seasonalNaive(x: readonly number[]): number[] {
  return Array.from({ length: HORIZON }, (_, h) => x[x.length - PERIOD + (h % PERIOD)]);
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

function main(): void {
  if (!m3Available()) {
    console.log(`M3 data not found in ${M3_DIR}: benchmark skipped.`);
    return;
  }
  const validation = process.argv.includes('--validation');
  const limitArg = process.argv.find((a) => a.startsWith('--limit='));
  const all = loadM3(validation);
  const data = limitArg ? all.slice(0, Number(limitArg.slice('--limit='.length))) : all;
  console.log(
    `M3 monthly: ${data.length} series, horizon ${HORIZON}${validation ? ' (VALIDATION: last 18 training values held out)' : ''}`,
  );

  const engine: { smape: number; mase: number }[] = [];
  const naive: { smape: number; mase: number }[] = [];
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const models = new Map<string, number>();
  const byCategory = new Map<string, { smape: number; mase: number }[]>();
  let inside80 = 0;
  let inside95 = 0;
  let steps = 0;
  for (const series of data) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const result = forecast(series.x, { period: PERIOD, horizon: HORIZON });
    const cpu = process.cpuUsage(cpuStart);
    times.push(performance.now() - start);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    const s = score(
      series,
      result.points.map((p) => p.mean),
    );
    engine.push(s);
    naive.push(score(series, seasonalNaive(series.x)));
    const family = result.model
      .replace(/ETS\([^)]*\)/g, 'ETS')
      .replace(/(log-)?ARIMA\([^)]*\)(\([^)]*\)\[\d+\])?(\+drift)?/g, 'ARIMA');
    models.set(family, (models.get(family) ?? 0) + 1);
    byCategory.set(series.category, [...(byCategory.get(series.category) ?? []), s]);
    result.points.forEach((p, h) => {
      const actual = series.y[h];
      steps++;
      if (actual >= p.lower80 && actual <= p.upper80) inside80++;
      if (actual >= p.lower95 && actual <= p.upper95) inside95++;
    });
  }

  const row = (name: string, smape: number, mase: number): string =>
    `${name.padEnd(36)} ${smape.toFixed(2).padStart(6)} ${mase.toFixed(3).padStart(7)}`;
  console.log(`\n${'method'.padEnd(36)} ${'sMAPE'.padStart(6)} ${'MASE'.padStart(7)}`);
  if (!validation) for (const [name, smape, mase] of PUBLISHED) console.log(row(name, smape, mase));
  console.log(row('Seasonal naive (this run)', mean(naive.map((s) => s.smape)), mean(naive.map((s) => s.mase))));
  console.log(row('Engine: forecast() (this run)', mean(engine.map((s) => s.smape)), mean(engine.map((s) => s.mase))));

  const describe = (values: number[]): string => {
    const sorted = [...values].sort((a, b) => a - b);
    return `median ${quantile(sorted, 0.5).toFixed(1)} ms, p95 ${quantile(sorted, 0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
  };
  console.log(
    `\ntime per series (wall): ${describe(times)}, total ${(times.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s`,
  );
  console.log(`time per series (CPU):  ${describe(cpuTimes)} (process CPU time; robust to other load on the machine)`);
  console.log(
    `interval coverage: 80% -> ${((100 * inside80) / steps).toFixed(1)}%, 95% -> ${((100 * inside95) / steps).toFixed(1)}%`,
  );
  console.log(
    'chosen models:',
    [...models.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  );
  console.log('\nby category (engine):');
  for (const [category, scores] of [...byCategory.entries()].sort()) {
    console.log(
      row(`  ${category} (${scores.length})`, mean(scores.map((s) => s.smape)), mean(scores.map((s) => s.mase))),
    );
  }
}

main();
