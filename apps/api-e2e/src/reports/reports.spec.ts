/* eslint-disable @typescript-eslint/no-explicit-any -- analytics and report answers are compared as parsed JSON, field by field */
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { addMember, api, errorShape, registerUser, type TestUser } from '../support/client';
import { analyticsUrl, binaryParser, readPdf, reportsUrl, salesCompany, waitForReport } from './reports-support';

/**
 * The Reports rows of the contract against a company with two years of sales: each report type is
 * generated in the background and every number in it is compared with what the analytics
 * endpoints answer for the same parameters; exports are read back (PDF text and page 1, XLSX cells
 * and formats, CSV parsed); sharing, deleting, regenerating, schedules and bad input.
 */

type Owner = Awaited<ReturnType<typeof salesCompany>>;
let owner: Owner;
const PERIOD = { from: '2025-01-01', to: '2025-12-31' };

const table = (report: Record<string, any>, key: string) => {
  const found = report.result.tables.find((t: { key: string }) => t.key === key);
  if (!found) throw new Error(`no table ${key}`);
  return found as { key: string; columns: { key: string; type: string }[]; rows: unknown[][]; totalRows: number };
};
const kpi = (report: Record<string, any>, key: string) =>
  report.result.summary.kpis.find((k: { key: string }) => k.key === key);
const analytics = async (path: string, query: Record<string, unknown>) =>
  (await api().get(analyticsUrl(owner, path)).set(owner.auth).query(query).expect(200)).body;

async function createReport(user: TestUser, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await api().post(reportsUrl(user)).set(user.auth).send(body).expect(201);
  expect(['running', 'ready']).toContain(res.body.status);
  return waitForReport(user, res.body.id);
}

const exportFile = (user: TestUser, id: string, format: string, query: Record<string, string> = {}) =>
  api()
    .get(reportsUrl(user, `/${id}/export`))
    .set(user.auth)
    .query({ format, ...query })
    .buffer(true)
    .parse(binaryParser);

beforeAll(async () => {
  owner = await salesCompany();
}, 120_000);

describe('sales-overview', () => {
  let report: Record<string, any>;
  beforeAll(async () => {
    report = await createReport(owner, { type: 'sales-overview', ...PERIOD, title: 'Продажи за 2025 год' });
  }, 120_000);

  it('is ready with the analytics summary as its KPIs, figure for figure', async () => {
    expect(report).toMatchObject({
      status: 'ready',
      progress: 1,
      type: 'sales-overview',
      title: 'Продажи за 2025 год',
      error: null,
    });
    const summary = await analytics('summary', PERIOD);
    expect(report.result.summary).toMatchObject({ currency: 'RUB', from: PERIOD.from, to: PERIOD.to, noData: false });
    for (const key of [
      'revenue',
      'salesCount',
      'buyers',
      'newClients',
      'returningClients',
      'averageOrderValue',
      'repeatPurchaseRate',
    ]) {
      expect({ key, value: kpi(report, key).value, previous: kpi(report, key).previous }).toEqual({
        key,
        value: summary[key],
        previous: summary.previous[key],
      });
    }
    expect(kpi(report, 'revenue').change).toBe(summary.change.revenue);
    expect(kpi(report, 'returnsAmount').value).toBe(summary.returns.amount);
  });

  it('has the by-status, top-clients, top-products and segments tables of the analytics endpoints', async () => {
    const byStatus = await analytics('by-status', PERIOD);
    expect(table(report, 'by-status').rows).toEqual(
      byStatus.items.map((s: any) => [s.status, s.salesCount, s.amount, s.share]),
    );
    const top = await analytics('top-clients', { ...PERIOD, limit: 10 });
    expect(table(report, 'top-clients').rows).toEqual(
      top.items.map((c: any, i: number) => [i + 1, c.clientId, c.name, c.email, c.revenue, c.salesCount]),
    );
    const products = await analytics('products', { ...PERIOD, limit: 10 });
    expect(table(report, 'top-products').rows).toEqual(
      products.items.map((p: any, i: number) => [i + 1, p.sku, p.name, p.quantity, p.revenue, p.salesCount]),
    );
    const segments = await analytics('segments', { asOf: PERIOD.to });
    expect(table(report, 'segments').rows).toEqual(
      segments.items.map((s: any) => [s.segment, s.clients, s.revenue, s.clientShare]),
    );
    const buyers = table(report, 'buyers').rows;
    const summary = await analytics('summary', PERIOD);
    expect(buyers).toEqual([
      ['new', summary.newClients, summary.previous.newClients],
      ['returning', summary.returningClients, summary.previous.returningClients],
    ]);
    expect(table(report, 'by-currency').rows.map((r) => r[0])).toEqual(['RUB', 'USD']);
  });

  it('writes conclusions whose figures are in the report', () => {
    const insights = report.result.insights as {
      code: string;
      text: string;
      textEn: string;
      figures: Record<string, unknown>;
    }[];
    expect(report.result.narrator).toBe('rules');
    expect(insights.length).toBeGreaterThan(2);
    const revenue = insights.find((i) => i.code.startsWith('revenue-'));
    expect(revenue?.figures['revenue']).toBe(kpi(report, 'revenue').value);
    expect(revenue?.figures['base']).toBe(kpi(report, 'revenue').previous);
    const top = insights.find((i) => i.code.startsWith('top-client'));
    expect(top?.figures['revenue']).toBe(table(report, 'top-clients').rows[0][4]);
    for (const i of insights) expect(i.text).toMatch(/[а-яё]/i);
  });

  it('exports a PDF with title, KPIs in Russian, tables, conclusions and «Страница N из M»', async () => {
    const res = await exportFile(owner, report.id, 'pdf').expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Продажи за 2025 год_2025-01-01_2025-12-31.pdf')}`,
    );
    const { text, pages } = readPdf(res.body, 'sales-overview-page1');
    expect(text).toContain('Продажи за 2025 год');
    expect(text).toContain('Общий отчёт по продажам');
    const revenue = Number(kpi(report, 'revenue').value)
      .toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
      .replace(/\s/g, ' ');
    expect(text.replace(/\s/g, ' ')).toContain(`${revenue} ₽`);
    expect(text).toContain('Лучшие клиенты');
    expect(text).toContain(String(table(report, 'top-clients').rows[0][2]));
    expect(text).toContain('Выводы');
    expect(text).toContain(`Страница 1 из ${pages}`);
    expect(text).toContain(`Страница ${pages} из ${pages}`);
  });

  it('puts every row of a table longer than the body into the PDF, on continuation pages counted with the rest', async () => {
    // No report type has a table this long yet: its own report's top-clients table is lengthened
    // in the snapshot, as the export benchmark does for 100,000 rows.
    const long = await createReport(owner, { type: 'sales-overview', ...PERIOD, title: 'Длинная таблица' });
    const extra = 2_150;
    const db = new DataSource({ type: 'postgres', url: process.env['E2E_DATABASE_URL'], extra: { max: 1 } });
    await db.initialize();
    try {
      const [{ id: snapshotId }] = await db.query(`SELECT latest_snapshot_id AS id FROM reports WHERE id = $1`, [
        long.id,
      ]);
      await db.query(
        `INSERT INTO report_rows (company_id, snapshot_id, table_key, row_no, cells)
         SELECT $1, $2, 'top-clients', 1000 + i,
                jsonb_build_array(i, gen_random_uuid()::text, 'Клиент №' || i, 'client' || i || '@example.ru', (i * 1.37)::numeric(12,2)::text, i % 50)
           FROM generate_series(1, $3::int) AS i`,
        [owner.companyId, snapshotId, extra],
      );
      await db.query(
        `UPDATE report_snapshots SET result = jsonb_set(result, '{tables}',
           (SELECT jsonb_agg(CASE WHEN t->>'key' = 'top-clients' THEN jsonb_set(t, '{totalRows}', to_jsonb((t->>'totalRows')::int + $3::int)) ELSE t END)
              FROM jsonb_array_elements(result->'tables') t)) WHERE company_id = $1 AND id = $2`,
        [owner.companyId, snapshotId, extra],
      );
    } finally {
      await db.destroy();
    }
    const total = table(long, 'top-clients').rows.length + extra;
    const res = await exportFile(owner, long.id, 'pdf').expect(200);
    const { text, pages } = readPdf(res.body, 'sales-overview-continued', { lastPage: true });
    const flat = text.replace(/\s+/g, ' ');
    const ru = (n: number) => n.toLocaleString('ru-RU').replace(/\s/g, ' ');
    expect(flat).toContain(
      `Показаны первые ${ru(2000)} строк из ${ru(total)}; таблица продолжается в конце документа.`,
    );
    // 65 rows a page after the body's 2,000; the last row and the last page number are there.
    const rest = total - 2000;
    expect(flat).toContain(`Лучшие клиенты — продолжение: строки ${ru(2001)}–${ru(2065)} из ${ru(total)}`);
    expect(flat).toContain(`строки ${ru(2001 + 65 * Math.floor((rest - 1) / 65))}–${ru(total)} из ${ru(total)}`);
    expect(flat).toContain(`Клиент №${extra} `);
    expect(flat).toContain(`Клиент №${extra - 65 * 2} `);
    expect(flat).toContain(`Страница ${pages} из ${pages}`);
    expect(flat).toContain(`Страница 1 из ${pages}`);
    // Every row is there once: the body's and the continuation's clients together.
    const names = [...flat.matchAll(/Клиент №(\d+) /g)].map((m) => Number(m[1]));
    expect(new Set(names).size).toBe(extra);
  });

  it('exports an XLSX with a sheet per table, numbers as numbers, money formats, frozen and filtered headers', async () => {
    const res = await exportFile(owner, report.id, 'xlsx').expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Показатели',
      'По статусам',
      'По валютам',
      'Лучшие клиенты',
      'Лучшие товары',
      'Новые и повторные покупатели',
      'Сегменты клиентов',
    ]);
    const kpis = workbook.getWorksheet('Показатели') as ExcelJS.Worksheet;
    expect(kpis.getRow(1).values).toEqual([undefined, 'Показатель', 'Значение', 'Предыдущий период', 'Изменение']);
    expect(kpis.getCell('A2').value).toBe('Выручка');
    expect(kpis.getCell('B2').value).toBe(Number(kpi(report, 'revenue').value));
    expect(kpis.getCell('B2').numFmt).toBe('#,##0.00');
    const clients = workbook.getWorksheet('Лучшие клиенты') as ExcelJS.Worksheet;
    expect(clients.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(clients.autoFilter).toBeTruthy();
    const rows = table(report, 'top-clients').rows;
    expect(clients.rowCount).toBe(rows.length + 1);
    expect(clients.getCell('C2').value).toBe(rows[0][2]);
    expect(clients.getCell('E2').value).toBe(Number(rows[0][4]));
    expect(clients.getCell('E2').numFmt).toBe('#,##0.00');
    expect(clients.getCell('F2').value).toBe(rows[0][5]);
    const statuses = workbook.getWorksheet('По статусам') as ExcelJS.Worksheet;
    expect(statuses.getCell('A3').value).toBe('Оплачена');
    expect(statuses.getCell('D3').numFmt).toBe('0.0%');
  });

  it('exports CSV files (UTF-8 with BOM, «;» and a decimal comma) zipped, one per table', async () => {
    const res = await exportFile(owner, report.id, 'csv').expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain('.zip');
    const zip = await JSZip.loadAsync(res.body);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual([
      '01-by-status.csv',
      '02-by-currency.csv',
      '03-top-clients.csv',
      '04-top-products.csv',
      '05-buyers.csv',
      '06-segments.csv',
    ]);
    const bytes = await (zip.file('03-top-clients.csv') as JSZip.JSZipObject).async('nodebuffer');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records: string[][] = parse(bytes.toString('utf8').slice(1), { delimiter: ';' });
    expect(records[0]).toEqual(['Место', 'ID клиента', 'Название', 'E-mail', 'Выручка', 'Продажи']);
    const rows = table(report, 'top-clients').rows;
    expect(records.slice(1)).toEqual(
      rows.map((r) => [
        String(r[0]),
        String(r[1]),
        String(r[2]),
        String(r[3]),
        String(r[4]).replace('.', ','),
        String(r[5]),
      ]),
    );
  });

  it('exports in English with `lang=en` (comma-separated CSV, English headings)', async () => {
    const res = await exportFile(owner, report.id, 'xlsx', { lang: 'en' }).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    expect(workbook.worksheets[0].name).toBe('Indicators');
    const csv = await exportFile(owner, report.id, 'csv', { lang: 'en' }).expect(200);
    const zip = await JSZip.loadAsync(csv.body);
    const text = (await (zip.file('01-by-status.csv') as JSZip.JSZipObject).async('string')).replace(/^\uFEFF/, '');
    expect(parse(text, { delimiter: ',' })[0]).toEqual(['Status', 'Sales', 'Amount', 'Share']);
  });
});

describe('sales-trends', () => {
  let report: Record<string, any>;
  beforeAll(async () => {
    report = await createReport(owner, { type: 'sales-trends', ...PERIOD });
  }, 120_000);

  it('has the monthly timeseries, the forecast after the period and the year-before comparison of the analytics', async () => {
    expect(report.status).toBe('ready');
    expect(report.title).toBe('Тенденции продаж: 2025-01-01 — 2025-12-31');
    const series = await analytics('timeseries', { ...PERIOD, granularity: 'month' });
    expect(table(report, 'timeseries').rows).toEqual(
      series.points.map((p: any) => [p.period, p.revenue, p.salesCount]),
    );
    const forecast = await analytics('forecast', { granularity: 'month', horizon: 6, asOf: '2026-01-01' });
    expect(table(report, 'forecast').rows).toEqual(
      forecast.points.map((p: any) => [p.period, p.revenue, p.lower80, p.upper80, p.lower95, p.upper95]),
    );
    expect(table(report, 'forecast').rows[0][0]).toBe('2026-01-01');
    const yearAgo = await analytics('summary', { from: '2024-01-01', to: '2024-12-31' });
    expect(kpi(report, 'revenueYearAgo').value).toBe(yearAgo.revenue);
    const summary = await analytics('summary', PERIOD);
    expect(table(report, 'comparison').rows[0]).toEqual([
      'revenue',
      summary.revenue,
      summary.previous.revenue,
      yearAgo.revenue,
      summary.change.revenue,
      expect.any(Number),
    ]);
    const chart = report.result.charts.find((c: { key: string }) => c.key === 'trend');
    expect(chart.series.map((s: { key: string }) => s.key)).toEqual(['actual', 'forecast']);
    expect(chart.series[1].points[0]).toEqual(
      expect.objectContaining({ x: '2026-01-01', lower80: Number(forecast.points[0].lower80) }),
    );
  });

  it('names the best and worst months and says there is too little history for seasonality', async () => {
    const rows = table(report, 'timeseries').rows as [string, string, number][];
    const best = [...rows].sort((a, b) => Number(b[1]) - Number(a[1]))[0];
    expect(table(report, 'best-worst').rows[0]).toEqual(['best', 1, best[0], best[1], best[2]]);
    // 2024-11 … 2025-12 is 14 months: seasonality needs 24.
    expect(table(report, 'seasonality').rows).toEqual([]);
    const note = report.result.insights.find((i: { code: string }) => i.code === 'seasonality-not-enough-history');
    expect(note.figures.months).toBe(14);
  });

  it('computes seasonality once two years of history are there', async () => {
    const later = await createReport(owner, { type: 'sales-trends', from: '2026-01-01', to: '2026-10-31' });
    const rows = table(later, 'seasonality').rows;
    expect(rows.length).toBe(12);
    const series = await analytics('timeseries', { from: '2023-11-01', to: '2026-10-31', granularity: 'month' });
    const march = series.points.filter((p: any) => p.period.slice(5, 7) === '03' && p.period >= '2024-11-01');
    const average = march.reduce((s: number, p: any) => s + Number(p.revenue), 0) / march.length;
    expect(rows.find((r) => r[0] === 3)?.[1]).toBe(average.toFixed(2));
  });

  it('exports the trend chart as vector graphics in the PDF', async () => {
    const res = await exportFile(owner, report.id, 'pdf').expect(200);
    expect(res.headers['content-disposition']).toContain('sales-trends_2025-01-01_2025-12-31.pdf');
    const { text } = readPdf(res.body, 'sales-trends-page1');
    expect(text).toContain('Тенденции продаж');
    expect(text).toContain('Факт');
    expect(text).toContain('Прогноз');
  });
});

describe('sales-recommendations', () => {
  let report: Record<string, any>;
  beforeAll(async () => {
    report = await createReport(owner, { type: 'sales-recommendations', from: '2026-06-01', to: '2026-11-30' });
  }, 120_000);

  it('lists valuable clients at risk with the outlook the analytics give each of them', async () => {
    expect(report.status).toBe('ready');
    const rows = table(report, 'clients-at-risk').rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows.slice(0, 5)) {
      const outlook = await analytics(`clients/${row[0]}/outlook`, { asOf: '2026-11-30' });
      expect(row[2]).toBe(outlook.segment);
      expect(row[3]).toBe(outlook.pAlive === null ? null : Math.round(outlook.pAlive * 10_000) / 10_000);
      expect(row[4]).toBe(outlook.expectedValue90d);
      expect(row[6]).toBe(outlook.lastPurchase);
    }
    const yearTop = await analytics('top-clients', { from: '2024-12-01', to: '2026-11-30', limit: 100 });
    const revenue = new Map(yearTop.items.map((c: any) => [c.clientId, c.revenue]));
    for (const row of rows) expect(row[5]).toBe(revenue.get(row[0] as string));
    // Clients 1–6 stopped buying after November 2025.
    const stopped = new Set([1, 2, 3, 4, 5, 6].map((i) => owner.clients.get(`C-${i}`)));
    expect(rows.some((r) => stopped.has(r[0] as string))).toBe(true);
  });

  it('offers products by co-purchase rules, segments to work on and clients who dropped', async () => {
    const offers = table(report, 'offers').rows;
    for (const row of offers.slice(0, 3)) {
      const outlook = await analytics(`clients/${row[0]}/outlook`, { asOf: '2026-11-30' });
      const product = outlook.recommendedProducts.find((p: any) => p.product === row[2]);
      expect(product).toBeTruthy();
      expect(row[5]).toBe(Math.round(product.confidence * 10_000) / 10_000);
    }
    const segments = await analytics('segments', { asOf: '2026-11-30' });
    for (const row of table(report, 'segments-to-work').rows) {
      const s = segments.items.find((i: any) => i.segment === row[0]);
      expect([row[1], row[2], row[3]]).toEqual([s.clients, s.revenue, s.clientShare]);
    }
    const previous = await analytics('top-clients', { from: '2025-12-01', to: '2026-05-31', limit: 100 });
    const dropped = table(report, 'dropped-clients').rows;
    for (const row of dropped) {
      const p = previous.items.find((c: any) => c.clientId === row[0]);
      expect(row[2]).toBe(p.revenue);
    }
    expect(kpi(report, 'droppedClients').value).toBe(dropped.length);
  });
});

describe('saving, sharing and access', () => {
  let member: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let stranger: TestUser;
  let report: Record<string, any>;
  beforeAll(async () => {
    [member, other, admin, stranger] = await Promise.all([
      registerUser(null),
      registerUser(null),
      registerUser(null),
      registerUser('ООО Чужие'),
    ]);
    await addMember(owner, member, 'member');
    await addMember(owner, other, 'member');
    await addMember(owner, admin, 'admin');
    for (const user of [member, other, admin]) user.companyId = owner.companyId;
    report = await createReport(owner, {
      type: 'sales-overview',
      from: '2026-10-01',
      to: '2026-10-31',
      title: 'Октябрь для команды',
    });
  }, 120_000);

  it('hides a report from members it is not shared with and from other companies (404)', async () => {
    await api()
      .get(reportsUrl(member, `/${report.id}`))
      .set(member.auth)
      .expect(404)
      .expect((r) => expect(r.body).toEqual(errorShape(404, 'report_not_found')));
    await api()
      .get(reportsUrl(member, `/${report.id}/export`))
      .set(member.auth)
      .query({ format: 'pdf' })
      .expect(404);
    const list = await api().get(reportsUrl(member)).set(member.auth).expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(report.id);
    // Another company's user: every route is a 404, whatever the body.
    const foreign = `/api/companies/${owner.companyId}/reports/${report.id}`;
    await api().get(foreign).set(stranger.auth).expect(404);
    await api().get(`${foreign}/export?format=pdf`).set(stranger.auth).expect(404);
    await api().post(`${foreign}/share`).set(stranger.auth).send({ company: true }).expect(404);
    await api().post(`${foreign}/regenerate`).set(stranger.auth).expect(404);
    await api().delete(foreign).set(stranger.auth).expect(404);
    await api().put(`${foreign}/schedule`).set(stranger.auth).send({}).expect(404);
    await api().get(`${foreign}/runs`).set(stranger.auth).expect(404);
    // Their own company's route with our report id: 404 too.
    await api()
      .get(reportsUrl(stranger, `/${report.id}`))
      .set(stranger.auth)
      .expect(404);
    await api().get(reportsUrl(owner, '/not-a-uuid')).set(owner.auth).expect(404);
  });

  it('shares with chosen members: they see and export it but may not delete, share or schedule it', async () => {
    const shared = await api()
      .post(reportsUrl(owner, `/${report.id}/share`))
      .set(owner.auth)
      .send({ userIds: [member.id] })
      .expect(200);
    expect(shared.body.sharedWith).toEqual({ company: false, users: [{ id: member.id, login: member.login }] });
    const seen = await api()
      .get(reportsUrl(member, `/${report.id}`))
      .set(member.auth)
      .expect(200);
    expect(seen.body).toMatchObject({ id: report.id, canManage: false, status: 'ready' });
    expect(seen.body.result.summary).toEqual(report.result.summary);
    await api()
      .get(reportsUrl(member, `/${report.id}/export`))
      .set(member.auth)
      .query({ format: 'xlsx' })
      .expect(200);
    await api()
      .delete(reportsUrl(member, `/${report.id}`))
      .set(member.auth)
      .expect(403)
      .expect((r) => expect(r.body).toEqual(errorShape(403)));
    await api()
      .post(reportsUrl(member, `/${report.id}/share`))
      .set(member.auth)
      .send({ company: true })
      .expect(403);
    await api()
      .put(reportsUrl(member, `/${report.id}/schedule`))
      .set(member.auth)
      .send({ frequency: 'weekly', weekday: 1, time: '09:00', recipients: [] })
      .expect(403);
    await api()
      .get(reportsUrl(other, `/${report.id}`))
      .set(other.auth)
      .expect(404);
    const mine = await api().get(reportsUrl(member)).set(member.auth).query({ scope: 'shared' }).expect(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([report.id]);
  });

  it('shares with the whole company and lists it under `company`, searchable by title and type', async () => {
    await api()
      .post(reportsUrl(owner, `/${report.id}/share`))
      .set(owner.auth)
      .send({ company: true, userIds: [] })
      .expect(200);
    await api()
      .get(reportsUrl(other, `/${report.id}`))
      .set(other.auth)
      .expect(200);
    const company = await api().get(reportsUrl(other)).set(other.auth).query({ scope: 'company' }).expect(200);
    expect(company.body.items.map((r: { id: string }) => r.id)).toEqual([report.id]);
    expect(company.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    const found = await api()
      .get(reportsUrl(owner))
      .set(owner.auth)
      .query({ q: 'октябрь', type: 'sales-overview' })
      .expect(200);
    expect(found.body.items.map((r: { id: string }) => r.id)).toEqual([report.id]);
    const none = await api()
      .get(reportsUrl(owner))
      .set(owner.auth)
      .query({ q: 'октябрь', type: 'sales-trends' })
      .expect(200);
    expect(none.body.items).toEqual([]);
    const mine = await api().get(reportsUrl(owner)).set(owner.auth).query({ scope: 'mine', pageSize: 200 }).expect(200);
    expect(mine.body.items.every((r: { createdBy: { id: string } }) => r.createdBy.id === owner.id)).toBe(true);
    // Unshare from the company: the other member loses it again.
    await api()
      .post(reportsUrl(owner, `/${report.id}/share`))
      .set(owner.auth)
      .send({ company: false })
      .expect(200);
    await api()
      .get(reportsUrl(other, `/${report.id}`))
      .set(other.auth)
      .expect(404);
  });

  it('lets a member delete their own report and an admin delete anyone’s', async () => {
    const own = await createReport(member, { type: 'sales-overview', from: '2026-10-01', to: '2026-10-31' });
    await api()
      .delete(reportsUrl(member, `/${own.id}`))
      .set(member.auth)
      .expect(204);
    await api()
      .get(reportsUrl(member, `/${own.id}`))
      .set(member.auth)
      .expect(404);
    const theirs = await createReport(member, { type: 'sales-overview', from: '2026-09-01', to: '2026-09-30' });
    await api()
      .get(reportsUrl(admin, `/${theirs.id}`))
      .set(admin.auth)
      .expect(200);
    await api()
      .delete(reportsUrl(admin, `/${theirs.id}`))
      .set(admin.auth)
      .expect(204);
    await api()
      .get(reportsUrl(member, `/${theirs.id}`))
      .set(member.auth)
      .expect(404);
  });
});

describe('regenerate («Обновить»)', () => {
  it('makes a new snapshot with fresh data; the old one keeps its numbers', async () => {
    const report = await createReport(owner, { type: 'sales-overview', from: '2026-11-01', to: '2026-11-30' });
    const before = kpi(report, 'revenue').value as string;
    await api()
      .post(`/api/v1/sales/batch`)
      .set('X-API-Key', owner.apiKey.key)
      .send({
        items: [
          {
            externalId: 'S-new',
            clientExternalId: 'C-20',
            amount: '1000.00',
            currency: 'RUB',
            soldAt: '2026-11-15T12:00:00+03:00',
          },
        ],
      })
      .expect(200);
    const res = await api()
      .post(reportsUrl(owner, `/${report.id}/regenerate`))
      .set(owner.auth)
      .expect(201);
    expect(res.body.id).toBe(report.id);
    expect(res.body.snapshotId).not.toBe(report.snapshotId);
    const fresh = await waitForReport(owner, report.id);
    expect(Number(kpi(fresh, 'revenue').value)).toBeCloseTo(Number(before) + 1000, 2);
    expect(kpi(fresh, 'revenue').value).toBe(
      (await analytics('summary', { from: '2026-11-01', to: '2026-11-30' })).revenue,
    );
    const old = await api()
      .get(reportsUrl(owner, `/${report.id}`))
      .set(owner.auth)
      .query({ snapshot: report.snapshotId })
      .expect(200);
    expect(kpi(old.body, 'revenue').value).toBe(before);
  });
});

describe('schedules', () => {
  it('stores a weekly schedule in the company time zone, lists no runs yet, and stops it', async () => {
    const report = await createReport(owner, { type: 'sales-trends', preset: 'last-90-days' });
    expect(report.params.preset).toBe('last-90-days');
    const put = await api()
      .put(reportsUrl(owner, `/${report.id}/schedule`))
      .set(owner.auth)
      .send({ frequency: 'weekly', weekday: 1, time: '09:00', recipients: [owner.id] })
      .expect(200);
    expect(put.body).toMatchObject({
      frequency: 'weekly',
      weekday: 1,
      dayOfMonth: null,
      time: '09:00',
      timeZone: 'UTC',
      lastRunAt: null,
    });
    expect(put.body.recipients).toEqual([{ id: owner.id, login: owner.login }]);
    const next = new Date(put.body.nextRunAt);
    expect(next.getUTCDay()).toBe(1);
    expect(next.toISOString().slice(11, 16)).toBe('09:00');
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    const got = await api()
      .get(reportsUrl(owner, `/${report.id}`))
      .set(owner.auth)
      .expect(200);
    expect(got.body.schedule).toEqual(put.body);
    expect(got.body.scheduled).toBe(true);
    await api()
      .get(reportsUrl(owner, `/${report.id}/runs`))
      .set(owner.auth)
      .expect(200, { items: [] });
    await api()
      .delete(reportsUrl(owner, `/${report.id}/schedule`))
      .set(owner.auth)
      .expect(204);
    await api()
      .delete(reportsUrl(owner, `/${report.id}/schedule`))
      .set(owner.auth)
      .expect(404);
  });
});

describe('bad parameters', () => {
  const bad = async (body: Record<string, unknown>, fields: string[]) => {
    const res = await api().post(reportsUrl(owner)).set(owner.auth).send(body).expect(400);
    expect(res.body).toEqual(errorShape(400));
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(fields.sort());
  };

  it('names each bad field of a report', async () => {
    await bad({ type: 'sales-everything', from: '2025-01-01', to: '2025-12-31' }, ['type']);
    await bad({ type: 'sales-overview' }, ['from', 'to']);
    await bad({ type: 'sales-overview', from: '2025-02-30', to: '2025-12-31', currency: 'rub' }, ['from', 'currency']);
    await bad({ type: 'sales-overview', from: '2025-12-31', to: '2025-01-01' }, ['from']);
    await bad({ type: 'sales-overview', preset: 'last-decade' }, ['preset']);
    await bad({ type: 'sales-overview', from: '2025-01-01', to: '2025-12-31', title: '' }, ['title']);
    await bad(
      {
        type: 'sales-overview',
        from: '2025-01-01',
        to: '2025-12-31',
        filters: { statuses: ['lost'], amountMin: '1.23456' },
      },
      ['filters.statuses', 'filters.amountMin'],
    );
    await bad(
      {
        type: 'sales-overview',
        from: '2025-01-01',
        to: '2025-12-31',
        filters: { clientIds: ['0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10'] },
      },
      ['filters.clientIds.0'],
    );
  });

  it('names each bad field of a schedule, a share and an export', async () => {
    const report = await createReport(owner, { type: 'sales-overview', from: '2026-10-01', to: '2026-10-31' });
    const schedule = (body: Record<string, unknown>) =>
      api()
        .put(reportsUrl(owner, `/${report.id}/schedule`))
        .set(owner.auth)
        .send(body)
        .expect(400);
    let res = await schedule({ frequency: 'weekly', time: '25:00', recipients: [] });
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['time', 'weekday']);
    res = await schedule({ frequency: 'monthly', dayOfMonth: 32, time: '09:00', recipients: ['x'] });
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['dayOfMonth', 'recipients']);
    res = await schedule({ frequency: 'weekly', weekday: 1, time: '09:00', recipients: [report.id] });
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'recipients.0' })]);
    res = await api()
      .post(reportsUrl(owner, `/${report.id}/share`))
      .set(owner.auth)
      .send({})
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['userIds']);
    res = await api()
      .get(reportsUrl(owner, `/${report.id}/export`))
      .set(owner.auth)
      .query({ format: 'docx' })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['format']);
  });
});
