/**
 * Sales list and export sorted by amount (in the base currency) on a company with many sales:
 * plan and time of a page, read from the `(company_id, base_amount, sale_id)` index of the stored
 * base amounts, next to the former per-query conversion of every sale. See README.md.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_DB=crm_bench_sale_sort \
 *   BENCH_SALES=200000 npm run bench:sale-sort
 */
import { type CompanyScope, TenantDatabase, type TenantEntryOptions } from '@crm/api/core';
import { SalesService } from '@crm/api/sales';
import type { ListSalesQueryDto } from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';
import { clientPages, salePages } from '../../libs/api/imports/src/lib/export/export-rows';
import { createBenchDatabase } from '../analytics/database';

const adminUrl = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = process.env['BENCH_DB'] ?? 'crm_bench_sale_sort';
const salesCount = Number(process.env['BENCH_SALES'] ?? 200_000);
const INDEX = 'sale_base_amounts_order_idx';

/** The sort expression the list used before: every sale converted per query. */
const FORMER_BASE_AMOUNT = `(CASE WHEN s.currency = (SELECT base_currency FROM companies WHERE id = $1) THEN s.amount
  ELSE s.amount * (SELECT e.rate FROM exchange_rates e
    WHERE e.company_id = s.company_id AND e.currency = s.currency
      AND e.valid_from <= (s.sold_at AT TIME ZONE (SELECT time_zone FROM companies WHERE id = $1))::date
    ORDER BY e.valid_from DESC LIMIT 1) END)`;

async function main(): Promise<void> {
  const { dataSource: ds } = await createBenchDatabase(adminUrl, dbName, 1);
  const [{ id: companyId }] = await ds.query(
    `INSERT INTO companies (name, base_currency, time_zone) VALUES ('Bench sort', 'RUB', 'Europe/Moscow') RETURNING id`,
  );
  await ds.query(`INSERT INTO clients (company_id, name) SELECT $1, 'Client ' || g FROM generate_series(1, 2000) g`, [
    companyId,
  ]);
  // Monthly USD and EUR rates over the three years; JPY has none (its sales sort last).
  await ds.query(
    `INSERT INTO exchange_rates (company_id, currency, valid_from, rate)
     SELECT $1, c, d::date, round((CASE c WHEN 'USD' THEN 90 ELSE 100 END + random() * 10)::numeric, 4)
     FROM unnest(ARRAY['USD', 'EUR']) c, generate_series('2023-12-01'::date, '2026-12-01'::date, interval '1 month') d`,
    [companyId],
  );
  let t0 = performance.now();
  await ds.query(
    `INSERT INTO sales (company_id, client_id, amount, currency, sold_at)
     SELECT $1, ids[1 + g % array_length(ids, 1)], round((random() * 100000)::numeric, 2),
            (ARRAY['RUB','RUB','RUB','RUB','RUB','RUB','RUB','USD','USD','EUR','JPY'])[1 + (g % 11)],
            '2024-01-01'::timestamptz + (random() * interval '1065 days')
     FROM generate_series(1, $2::int) g,
          (SELECT array_agg(id) AS ids FROM clients WHERE company_id = $1) c`,
    [companyId, salesCount],
  );
  console.log(`inserted ${salesCount} sales in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await ds.query(`VACUUM ANALYZE`);

  // The list and the export as the API runs them, in tenant transactions under the row-level
  // security policies: their SQL is captured as it is sent, and explained the same way.
  const captured: { text: string; params: unknown[] }[] = [];
  class CapturingTenantDatabase extends TenantDatabase {
    override run<T>(s: CompanyScope, work: (m: EntityManager) => Promise<T>, options?: TenantEntryOptions) {
      return super.run(
        s,
        (m) =>
          work(
            new Proxy(m, {
              get: (target, key) =>
                key === 'query'
                  ? (text: string, params?: unknown[]) => {
                      captured.push({ text, params: params ?? [] });
                      return target.query(text, params);
                    }
                  : Reflect.get(target, key),
            }),
          ),
        options,
      );
    }
  }
  const tenantDb = new CapturingTenantDatabase(ds);
  const sales = new SalesService(tenantDb, null as never, null as never);
  const scope: CompanyScope = { companyId };

  const explain = async (label: string, text: string, params: unknown[]) => {
    const asTenant = (sql: string) => TenantDatabase.prototype.run.call(tenantDb, scope, (m) => m.query(sql, params));
    const plan = ((await asTenant(`EXPLAIN (ANALYZE, BUFFERS) ${text}`)) as { 'QUERY PLAN': string }[])
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      t0 = performance.now();
      await asTenant(text);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`\n== ${label}: median ${times[2].toFixed(2)} ms, uses ${INDEX}: ${plan.includes(INDEX)}\n${plan}`);
    return plan;
  };

  // The former list query (page 1 of 50, descending), for the figures before.
  await explain(
    'before: list -amount, page 1',
    `SELECT s.id FROM sales s JOIN clients c ON c.company_id = s.company_id AND c.id = s.client_id
      WHERE s.company_id = $1 ORDER BY ${FORMER_BASE_AMOUNT} DESC NULLS LAST, s.id DESC LIMIT 50 OFFSET 0`,
    [companyId],
  );

  const failures: string[] = [];
  for (const [label, q] of [
    ['list amount, page 1', { sort: 'amount', pageSize: 50 }],
    ['list -amount, page 1', { sort: '-amount', pageSize: 50 }],
    ['list -amount, page 20', { sort: '-amount', pageSize: 50, page: 20 }],
    ['list -amount, USD only', { sort: '-amount', pageSize: 50, currency: 'USD' }],
  ] as [string, ListSalesQueryDto][]) {
    captured.length = 0;
    t0 = performance.now();
    await sales.list(scope, q);
    console.log(`\n${label}: whole list() call ${(performance.now() - t0).toFixed(1)} ms (count, page, items)`);
    const page = captured.find((c) => c.text.includes('sale_base_amounts'));
    if (!page) throw new Error(`${label}: no page query`);
    const plan = await explain(`after: ${label}`, page.text, page.params);
    if (!plan.includes(INDEX)) failures.push(label);
  }
  for (const sort of ['amount', '-amount']) {
    captured.length = 0;
    const pages = salePages(tenantDb, scope, { sort } as ListSalesQueryDto);
    t0 = performance.now();
    await pages.next();
    console.log(`\nexport ${sort}: first page of 2000 in ${(performance.now() - t0).toFixed(1)} ms`);
    await pages.next();
    const [first, second] = captured.filter((c) => c.text.includes('sale_base_amounts'));
    if (!first || !second) throw new Error(`export ${sort}: no page queries`);
    for (const [label, page] of [
      ['first', first],
      ['second', second],
    ] as const) {
      const plan = await explain(`after: export ${sort}, ${label} page`, page.text, page.params);
      // A keyset bound that is only a filter under the policies reads the company from its start.
      if (!plan.includes(INDEX) || /Sort Key|Rows Removed by Filter: \d{3,}/.test(plan)) {
        failures.push(`export ${sort} ${label} page`);
      }
    }
    await pages.return(undefined);
  }

  // Whole exports through the tenant path: every page is an index range after the previous one, so
  // a page deep in the list costs what the first does. Next to it, the former keyset (a numeric or
  // lower() comparison, not leakproof, so only a filter under the policies) at the same positions,
  // on the former index, created for this measurement and dropped after.
  const wholeExport = async (label: string, pages: AsyncGenerator<{ id: string }[]>) => {
    const times: number[] = [];
    let rows = 0;
    for (;;) {
      t0 = performance.now();
      const next = await pages.next();
      if (next.done) break;
      times.push(performance.now() - t0);
      rows += next.value.length;
    }
    const total = times.reduce((a, b) => a + b, 0);
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `\nexport ${label} through the tenant path: ${rows} rows in ${times.length} pages, ${(total / 1000).toFixed(2)} s; ` +
        `page median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, last ${times[times.length - 1].toFixed(1)} ms`,
    );
  };
  await wholeExport('-amount', salePages(tenantDb, scope, { sort: '-amount' } as ListSalesQueryDto));
  await ds.query(`INSERT INTO clients (company_id, name) SELECT $1, md5(g::text) FROM generate_series(1, $2::int) g`, [
    companyId,
    salesCount,
  ]);
  await wholeExport('clients name', clientPages(tenantDb, scope, { sort: 'name' }));

  const perPage = async (text: string, params: unknown[]) => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      t0 = performance.now();
      await tenantDb.run(scope, (m) => m.query(text, params));
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[1];
  };
  const compare = async (label: string, index: string, former: string, now: string, params: unknown[]) => {
    const after = await perPage(now, params);
    await ds.query(index);
    const before = await perPage(former, params);
    console.log(
      `keyset page of 2,000, ${label}: former ${before.toFixed(1)} ms, now ${after.toFixed(1)} ms (${(before / after).toFixed(1)}×)`,
    );
  };
  const [middleSale] = await ds.query(
    `SELECT base_amount::text AS key, sale_id AS id FROM sale_base_amounts WHERE company_id = $1 AND base_amount IS NOT NULL
      ORDER BY base_amount DESC, sale_id DESC OFFSET $2 LIMIT 1`,
    [companyId, Math.floor(salesCount * 0.8)],
  );
  await compare(
    'sales -amount, after 80% of the rows',
    `CREATE INDEX IF NOT EXISTS bench_former_amount_idx ON sale_base_amounts (company_id, base_amount, sale_id)`,
    `SELECT b.sale_id FROM sale_base_amounts b WHERE b.company_id = $1 AND b.base_amount IS NOT NULL
        AND (b.base_amount, b.sale_id) < ($2::numeric, $3::uuid) ORDER BY b.base_amount DESC, b.sale_id DESC LIMIT 2000`,
    `SELECT b.sale_id FROM sale_base_amounts b WHERE b.company_id = $1 AND b.base_amount IS NOT NULL
        AND b.base_amount_order <= ($2::numeric)::float8
        AND (b.base_amount_order, b.base_amount, b.sale_id) < (($2::numeric)::float8, $2::numeric, $3::uuid)
      ORDER BY b.base_amount_order DESC, b.base_amount DESC, b.sale_id DESC LIMIT 2000`,
    [companyId, middleSale.key, middleSale.id],
  );
  const [middleClient] = await ds.query(
    `SELECT name_key AS key, id FROM clients WHERE company_id = $1 AND name_key IS NOT NULL
      ORDER BY name_key, id OFFSET $2 LIMIT 1`,
    [companyId, Math.floor(salesCount * 0.8)],
  );
  await compare(
    'clients by name, after 80% of the rows',
    `CREATE INDEX IF NOT EXISTS bench_former_name_idx ON clients (company_id, lower(name), id)`,
    `SELECT c.id FROM clients c WHERE c.company_id = $1 AND lower(c.name) IS NOT NULL
        AND (lower(c.name), c.id) > ($2::text, $3::uuid) ORDER BY lower(c.name), c.id LIMIT 2000`,
    `SELECT c.id FROM clients c WHERE c.company_id = $1 AND c.name_key IS NOT NULL
        AND (c.name_key, c.id) > ($2::text, $3::uuid) ORDER BY c.name_key, c.id LIMIT 2000`,
    [companyId, middleClient.key, middleClient.id],
  );
  await ds.query(`DROP INDEX bench_former_amount_idx`);
  await ds.query(`DROP INDEX bench_former_name_idx`);
  await ds.destroy();
  if (failures.length) throw new Error(`Not read from ${INDEX}: ${failures.join(', ')}`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
