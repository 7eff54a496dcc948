import { DataSource } from 'typeorm';
import { IndicatorsService, RollupSource } from '@crm/api/analytics';
async function main() {
  const ds = new DataSource({ type: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/crm_bench_analytics' });
  await ds.initialize();
  const [c] = await ds.query(`SELECT id FROM companies WHERE name = $1`, [process.argv[3] ?? 'Bench 1000000']);
  const origCreate = ds.createQueryRunner.bind(ds);
  (ds as unknown as { createQueryRunner: () => unknown }).createQueryRunner = () => {
    const runner = origCreate();
    const q = runner.query.bind(runner);
    runner.query = (async (text: string, params?: unknown[]) => {
      if (/^\s*(WITH|SELECT)/.test(text) && process.env['EXPLAIN']) {
        const plan = (await q('EXPLAIN (ANALYZE, BUFFERS) ' + text, params)) as { 'QUERY PLAN': string }[];
        console.log('----\n' + text.slice(0, 200) + '\n' + plan.map((r) => r['QUERY PLAN']).join('\n'));
      }
      const t0 = performance.now();
      const r = await q(text, params);
      console.log('query', (performance.now() - t0).toFixed(1), 'ms', text.replace(/\s+/g, ' ').slice(0, 90));
      return r;
    }) as typeof runner.query;
    return runner;
  };
  const s = new IndicatorsService(ds, new RollupSource());
  const which = process.argv[2] ?? 'summary';
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    if (which === 'summary') await s.summary(c.id, { from: '2026-10-22', to: '2026-11-20' });
    if (which === 'year') await s.summary(c.id, { from: '2025-11-21', to: '2026-11-20' });
    if (which === 'monthly') await s.timeseries(c.id, { from: '2023-11-21', to: '2026-11-20', granularity: 'month' });
    if (which === 'top') await s.topClients(c.id, { from: '2026-10-22', to: '2026-11-20', limit: 10 });
    console.log('total', (performance.now() - t0).toFixed(1));
  }
  await ds.destroy();
}
void main();
