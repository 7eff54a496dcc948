import { DataSource } from 'typeorm';
import { IndicatorsService, RollupSource } from '@crm/api/analytics';
async function main() {
  const ds = new DataSource({ type: 'postgres', url: process.env['DB'] });
  await ds.initialize();
  const [c] = await ds.query(`SELECT id FROM companies ORDER BY created_at DESC LIMIT 1`);
  const origCreate = ds.createQueryRunner.bind(ds);
  (ds as unknown as { createQueryRunner: () => unknown }).createQueryRunner = () => {
    const runner = origCreate();
    const q = runner.query.bind(runner);
    runner.query = (async (text: string, params?: unknown[]) => {
      if (/^\s*(WITH|SELECT)/.test(text) && process.env['EXPLAIN']) {
        const plan = (await q('EXPLAIN ' + (process.env['EXPLAIN'] === 'a' ? '(ANALYZE) ' : '') + text, params)) as { 'QUERY PLAN': string }[];
        console.log('----\n' + text.slice(0, 100) + '\n' + plan.map((r) => r['QUERY PLAN']).join('\n'));
      }
      const t0 = performance.now();
      const r = process.env['NORUN'] && /^\s*WITH/.test(text) ? [] : await q(text, params);
      console.log('query', (performance.now() - t0).toFixed(1), 'ms', text.replace(/\s+/g, ' ').slice(0, 90));
      return r;
    }) as typeof runner.query;
    return runner;
  };
  const s = new IndicatorsService(ds, new RollupSource());
  const which = process.argv[2] ?? 'top';
  const t0 = performance.now();
  const range = { from: '2023-01-01', to: '2025-12-31', currency: 'RUB' };
  if (which === 'summary') await s.summary(c.id, range);
  if (which === 'monthly') await s.timeseries(c.id, { ...range, granularity: 'month' });
  if (which === 'top') await s.topClients(c.id, { ...range, limit: 10 });
  console.log('total', (performance.now() - t0).toFixed(1));
  await ds.destroy();
}
void main();
