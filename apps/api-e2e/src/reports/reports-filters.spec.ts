/* eslint-disable @typescript-eslint/no-explicit-any -- analytics and report answers are compared as parsed JSON, field by field */
import { api, registerUser, type TestUser } from '../support/client';
import { createClient } from '../support/crm';
import { analyticsUrl, binaryParser, readPdf, reportsUrl, salesCompany, waitForReport } from './reports-support';

/**
 * Report filters select the sales every figure counts (ADR 0006 "Report filters"): the sales of
 * the selected clients (ids ∩ segment ∩ amount range) in the selected currencies. Each KPI, series,
 * forecast and table of a filtered report equals what the analytics endpoints answer with the same
 * resolved `clientIds` and `currencies`, and differs from the unfiltered report where the data
 * makes it differ; statuses narrow the by-status table only; an empty selection is «no data».
 */

type Owner = Awaited<ReturnType<typeof salesCompany>>;
let owner: Owner;
const PERIOD = { from: '2025-01-01', to: '2025-12-31' };
const OVERVIEW_KPIS = [
  'revenue',
  'salesCount',
  'buyers',
  'newClients',
  'returningClients',
  'averageOrderValue',
  'repeatPurchaseRate',
];

const table = (report: Record<string, any>, key: string) => {
  const found = report.result.tables.find((t: { key: string }) => t.key === key);
  if (!found) throw new Error(`no table ${key}`);
  return found as { key: string; rows: unknown[][] };
};
const kpi = (report: Record<string, any>, key: string) =>
  report.result.summary.kpis.find((k: { key: string }) => k.key === key);
const analytics = async (path: string, query: Record<string, unknown>) =>
  (await api().get(analyticsUrl(owner, path)).set(owner.auth).query(query).expect(200)).body;

async function createReport(user: TestUser, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await api().post(reportsUrl(user)).set(user.auth).send(body).expect(201);
  const report = await waitForReport(user, res.body.id);
  expect({ status: report.status, error: report.error }).toEqual({ status: 'ready', error: null });
  return report;
}

/** The analytics query of a report's resolved selection. */
const narrowing = (report: Record<string, any>): Record<string, string> => {
  const selection = report.result.summary.selection;
  const query: Record<string, string> = {};
  if (selection.clientIds) query['clientIds'] = selection.clientIds.join(',');
  if (selection.currencies) query['currencies'] = selection.currencies.join(',');
  return query;
};

/** Every KPI of an overview against `analytics/summary` of the same parameters. */
async function expectOverviewKpis(report: Record<string, any>, query: Record<string, unknown>): Promise<any> {
  const summary = await analytics('summary', query);
  for (const key of OVERVIEW_KPIS) {
    expect({ key, value: kpi(report, key).value, previous: kpi(report, key).previous }).toEqual({
      key,
      value: summary[key],
      previous: summary.previous[key],
    });
  }
  expect(kpi(report, 'revenue').change).toBe(summary.change.revenue);
  expect(kpi(report, 'returnsAmount').value).toBe(summary.returns.amount);
  return summary;
}

beforeAll(async () => {
  owner = await salesCompany('ООО «Фильтры отчётов»');
}, 120_000);

describe('sales-overview with clients and a currency', () => {
  let report: Record<string, any>;
  let unfiltered: Record<string, any>;
  let clients: string[];
  beforeAll(async () => {
    clients = ['C-7', 'C-12', 'C-20'].map((c) => owner.clients.get(c) as string);
    report = await createReport(owner, {
      type: 'sales-overview',
      ...PERIOD,
      filters: { clientIds: clients, currencies: ['RUB'] },
    });
    unfiltered = await createReport(owner, { type: 'sales-overview', ...PERIOD });
  }, 180_000);

  it('records the selection: 3 clients, RUB', () => {
    expect(report.result.summary.selection).toEqual({
      clients: 3,
      clientIds: [...clients].sort(),
      currencies: ['RUB'],
      statuses: null,
    });
    expect(unfiltered.result.summary.selection).toBeUndefined();
  });

  it('has every KPI of analytics/summary for those clients in RUB, and not the company’s', async () => {
    const query = { ...PERIOD, clientIds: clients.join(','), currencies: 'RUB' };
    const summary = await expectOverviewKpis(report, query);
    expect(summary.salesCount).toBeGreaterThan(0);
    const company = await expectOverviewKpis(unfiltered, PERIOD);
    expect(summary.salesCount).toBeLessThan(company.salesCount);
    expect(kpi(report, 'revenue').value).not.toBe(kpi(unfiltered, 'revenue').value);
    expect(kpi(report, 'buyers').value).toBeLessThanOrEqual(3);
  });

  it('has the by-status, by-currency, top-clients and top-products tables of the filtered analytics', async () => {
    const query = { ...PERIOD, ...narrowing(report) };
    const byStatus = await analytics('by-status', query);
    expect(table(report, 'by-status').rows).toEqual(
      byStatus.items.map((s: any) => [s.status, s.salesCount, s.amount, s.share]),
    );
    const rub = await analytics('by-status', { ...query, currency: 'RUB', currencies: 'RUB' });
    const paid = rub.items.find((s: any) => s.status === 'paid');
    expect(table(report, 'by-currency').rows).toEqual([['RUB', paid.salesCount, paid.amount]]);
    const top = await analytics('top-clients', { ...query, limit: 10 });
    expect(table(report, 'top-clients').rows).toEqual(
      top.items.map((c: any, i: number) => [i + 1, c.clientId, c.name, c.email, c.revenue, c.salesCount]),
    );
    expect(table(report, 'top-clients').rows.every((r) => clients.includes(r[1] as string))).toBe(true);
    const products = await analytics('products', { ...query, limit: 10 });
    expect(table(report, 'top-products').rows).toEqual(
      products.items.map((p: any, i: number) => [i + 1, p.sku, p.name, p.quantity, p.revenue, p.salesCount]),
    );
    expect(table(report, 'top-products').rows).not.toEqual(table(unfiltered, 'top-products').rows);
  });

  it('names the filters and the clients they selected in the PDF', async () => {
    const res = await api()
      .get(reportsUrl(owner, `/${report.id}/export`))
      .set(owner.auth)
      .query({ format: 'pdf' })
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    const { text } = readPdf(res.body, 'sales-overview-filtered-page1');
    expect(text.replace(/\s+/g, ' ')).toContain('(выбрано клиентов: 3)');
  });

  it('lists every currency with sales in the unfiltered by-currency table, each the paid row of by-status in it', async () => {
    const rows = table(unfiltered, 'by-currency').rows;
    expect(rows.map((r) => r[0])).toEqual(['RUB', 'USD']);
    for (const [code, count, amount] of rows) {
      const answer = await analytics('by-status', { ...PERIOD, currency: code, currencies: code });
      const paid = answer.items.find((s: any) => s.status === 'paid');
      expect([code, count, amount]).toEqual([code, paid.salesCount, paid.amount]);
    }
  });
});

describe('sales-overview with a segment and an amount range', () => {
  it('resolves them to the clients of the segment whose period revenue is in range, and counts only their sales', async () => {
    // Each client's segment as of the period's end (the customer outlook); the largest segment
    // with at least two buyers in the period.
    const bySegment = new Map<string, string[]>();
    for (const id of owner.clients.values()) {
      const outlook = await analytics(`clients/${id}/outlook`, { asOf: PERIOD.to });
      if (outlook.segment) bySegment.set(outlook.segment, [...(bySegment.get(outlook.segment) ?? []), id]);
    }
    let segment = '';
    let inSegment: string[] = [];
    let revenues: any = { items: [] };
    for (const [name, members] of [...bySegment].sort((a, b) => b[1].length - a[1].length)) {
      revenues = await analytics('top-clients', { ...PERIOD, clientIds: members.join(','), limit: 100 });
      if (revenues.items.length >= 2) {
        [segment, inSegment] = [name, members];
        break;
      }
    }
    expect(segment).not.toBe('');
    const sorted = revenues.items.map((c: any) => c.revenue).sort((a: string, b: string) => Number(a) - Number(b));
    const amountMin = sorted[Math.floor(sorted.length / 2)];
    const expected = revenues.items
      .filter((c: any) => Number(c.revenue) >= Number(amountMin))
      .map((c: any) => c.clientId)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(inSegment.length);

    const report = await createReport(owner, {
      type: 'sales-overview',
      ...PERIOD,
      filters: { segment, amountMin },
    });
    expect(report.result.summary.selection).toEqual({
      clients: expected.length,
      clientIds: expected,
      currencies: null,
      statuses: null,
    });
    const summary = await expectOverviewKpis(report, { ...PERIOD, clientIds: expected.join(',') });
    const company = await analytics('summary', PERIOD);
    expect(summary.revenue).not.toBe(company.revenue);
    const top = await analytics('top-clients', { ...PERIOD, clientIds: expected.join(','), limit: 10 });
    expect(table(report, 'top-clients').rows.map((r) => r[1])).toEqual(top.items.map((c: any) => c.clientId));
  }, 180_000);

  it('says «no data» when no client matches, rather than failing', async () => {
    const report = await createReport(owner, {
      type: 'sales-overview',
      ...PERIOD,
      filters: { amountMin: '99999999.00' },
    });
    expect(report.result.summary).toMatchObject({
      noData: true,
      selection: { clients: 0, clientIds: [], currencies: null, statuses: null },
    });
    expect(kpi(report, 'revenue').value).toBe('0.00');
  }, 120_000);

  it('narrows only the by-status table with statuses; revenue stays paid minus paid returns', async () => {
    const report = await createReport(owner, {
      type: 'sales-overview',
      ...PERIOD,
      filters: { statuses: ['refunded'] },
    });
    expect(report.result.summary.selection).toEqual({
      clients: null,
      clientIds: null,
      currencies: null,
      statuses: ['refunded'],
    });
    await expectOverviewKpis(report, PERIOD);
    const byStatus = await analytics('by-status', PERIOD);
    const refunded = byStatus.items.find((s: any) => s.status === 'refunded');
    expect(table(report, 'by-status').rows).toEqual([
      ['refunded', refunded.salesCount, refunded.amount, refunded.share],
    ]);
  }, 120_000);
});

describe('sales-trends in USD sales only', () => {
  it('has the series, comparison and forecast of the analytics for currencies=USD', async () => {
    const report = await createReport(owner, { type: 'sales-trends', ...PERIOD, filters: { currencies: ['USD'] } });
    expect(report.result.summary.selection).toEqual({
      clients: null,
      clientIds: null,
      currencies: ['USD'],
      statuses: null,
    });
    const query = { ...PERIOD, currencies: 'USD' };
    const series = await analytics('timeseries', { ...query, granularity: 'month' });
    expect(table(report, 'timeseries').rows).toEqual(
      series.points.map((p: any) => [p.period, p.revenue, p.salesCount]),
    );
    const all = await analytics('timeseries', { ...PERIOD, granularity: 'month' });
    expect(series.points).not.toEqual(all.points);
    const summary = await analytics('summary', query);
    const yearAgo = await analytics('summary', { from: '2024-01-01', to: '2024-12-31', currencies: 'USD' });
    expect(kpi(report, 'revenue').value).toBe(summary.revenue);
    expect(kpi(report, 'salesCount').value).toBe(summary.salesCount);
    expect(kpi(report, 'revenueYearAgo').value).toBe(yearAgo.revenue);
    expect(table(report, 'comparison').rows[0].slice(0, 5)).toEqual([
      'revenue',
      summary.revenue,
      summary.previous.revenue,
      yearAgo.revenue,
      summary.change.revenue,
    ]);
    const forecast = await analytics('forecast', {
      granularity: 'month',
      horizon: 6,
      asOf: '2026-01-01',
      currencies: 'USD',
    });
    expect(table(report, 'forecast').rows).toEqual(
      forecast.points.map((p: any) => [p.period, p.revenue, p.lower80, p.upper80, p.lower95, p.upper95]),
    );
  }, 180_000);
});

describe('sales-recommendations for chosen clients', () => {
  it('looks only at those clients, with their revenues from the filtered analytics', async () => {
    // Clients 1–6 stopped buying after November 2025: some of them are at risk.
    const chosen = ['C-1', 'C-2', 'C-3', 'C-4', 'C-5', 'C-6', 'C-10', 'C-15'].map(
      (c) => owner.clients.get(c) as string,
    );
    const range = { from: '2026-06-01', to: '2026-11-30' };
    const report = await createReport(owner, {
      type: 'sales-recommendations',
      ...range,
      filters: { clientIds: chosen },
    });
    expect(report.result.summary.selection.clients).toBe(8);
    const yearTop = await analytics('top-clients', {
      from: '2024-12-01',
      to: '2026-11-30',
      clientIds: chosen.join(','),
      limit: 100,
    });
    const revenue = new Map(yearTop.items.map((c: any) => [c.clientId, c.revenue]));
    const atRisk = table(report, 'clients-at-risk').rows;
    expect(atRisk.length).toBeGreaterThan(0);
    for (const row of atRisk) expect(row[5]).toBe(revenue.get(row[0] as string));
    for (const key of ['clients-at-risk', 'offers', 'dropped-clients']) {
      for (const row of table(report, key).rows)
        expect({ key, client: chosen.includes(row[0] as string) }).toEqual({ key, client: true });
    }
  }, 180_000);
});

describe('bad filters', () => {
  it('refuses another company’s client in a report’s filters with 400 naming it', async () => {
    const other = await registerUser('ООО «Чужие клиенты»');
    const foreign = (await createClient(other, { name: 'Чужой клиент' })).id;
    const res = await api()
      .post(reportsUrl(owner))
      .set(owner.auth)
      .send({ type: 'sales-overview', ...PERIOD, filters: { clientIds: [owner.clients.get('C-1'), foreign] } })
      .expect(400);
    expect(res.body.details).toEqual([
      { field: 'filters.clientIds.1', messages: [`client ${foreign} not found in this company`] },
    ]);
  }, 120_000);
});
