/* eslint-disable @typescript-eslint/no-explicit-any -- analytics and report answers are compared as parsed JSON, field by field */
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { MIGRATIONS } from '@crm/api/core';
import type { DataSource } from 'typeorm';
import { api, registerUser, type TestUser } from '../support/client';
import { clientItem, companyWithKey, pushClients } from '../support/crm';
import { database, dealItem, pushDeals } from '../deals-integration/deals';
import { analyticsUrl, binaryParser, readPdf, reportsUrl, waitForReport } from './reports-support';

/**
 * The `pipeline` report (issue 13) against a company with generated deals: every KPI, table row
 * and chart point is compared with what the deals analytics endpoints (`analytics/funnel`,
 * `pipeline`, `stuck`) answer for the same pipeline, period and currency; the conclusions' figures
 * are the report's; the PDF, CSV and XLSX exports are read back; another company's report and
 * pipeline are not reachable.
 */

type Owner = Awaited<ReturnType<typeof companyWithKey>>;
let owner: Owner;
let ds: DataSource;
let pipelineId: string;
let pipelineName: string;
let report: Record<string, any>;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const PERIOD = { from: day(-60), to: day(0) };
const STAGES = ['Новая', 'Квалификация', 'Предложение', 'Переговоры'];

const table = (key: string) => {
  const found = report.result.tables.find((t: { key: string }) => t.key === key);
  if (!found) throw new Error(`no table ${key}`);
  return found as { key: string; columns: { key: string; type: string }[]; rows: unknown[][]; totalRows: number };
};
const kpi = (key: string) => report.result.summary.kpis.find((k: { key: string }) => k.key === key);
const analytics = async (path: string, query: Record<string, unknown>) =>
  (await api().get(analyticsUrl(owner, path)).set(owner.auth).query(query).expect(200)).body;
const exportFile = (user: TestUser, id: string, format: string, query: Record<string, string> = {}) =>
  api()
    .get(reportsUrl(user, `/${id}/export`))
    .set(user.auth)
    .query({ format, ...query })
    .buffer(true)
    .parse(binaryParser);

/**
 * 24 deals of 6 clients pushed through the stages in batches (a history per deal): some won, some
 * lost, the rest open with expected close dates over the next months, one in USD; then four open
 * deals are back-dated in «Новая» so some stay longer than the stage's median (stuck).
 */
async function dealsCompany(): Promise<void> {
  owner = await companyWithKey('ООО «Воронка»');
  const key = owner.apiKey.key;
  await api()
    .put(`/api/companies/${owner.companyId}/exchange-rates`)
    .set(owner.auth)
    .send({ rates: [{ currency: 'USD', rate: '90', validFrom: '2020-01-01' }] })
    .expect(200);
  await pushClients(
    key,
    Array.from({ length: 6 }, (_, i) => clientItem(`C-${i + 1}`, { name: `Клиент ${i + 1}` })),
  ).expect(200);
  const deal = (n: number, fields: Record<string, unknown> = {}) =>
    dealItem(`D-${n}`, `C-${(n % 6) + 1}`, {
      amount: `${1000 + n * 250}.00`,
      expectedCloseDate: day(20 + (n % 4) * 31),
      ...(n === 7 ? { currency: 'USD', amount: '120.00' } : {}),
      ...fields,
    });
  const ids = Array.from({ length: 24 }, (_, i) => i + 1);
  const batches: Record<string, unknown>[][] = [
    ids.map((n) => deal(n)),
    ids.filter((n) => n > 4).map((n) => deal(n, { stage: 'Квалификация' })),
    ids.filter((n) => n > 10).map((n) => deal(n, { stage: 'Предложение' })),
    ids.filter((n) => n > 14).map((n) => deal(n, { stage: 'Переговоры' })),
    [
      ...[15, 16, 17, 18, 19, 20].map((n) => deal(n, { stage: 'Выиграна' })),
      ...[8, 12, 21].map((n) => deal(n, { stage: 'Проиграна', lostReason: 'Дорого' })),
    ],
  ];
  for (const items of batches) expect((await pushDeals(key, items).expect(200)).body.failed).toEqual([]);
  ds = await database();
  // D-1..D-4 are still in «Новая»: 30, 25, 3 and 2 days against stays of the others of a day or less.
  for (const [n, days] of [
    [1, 30],
    [2, 25],
    [3, 3],
    [4, 2],
  ]) {
    await ds.query(
      `UPDATE deal_stage_changes c SET at = now() - make_interval(days => $3::int)
         FROM deals d WHERE d.company_id = $1 AND d.external_id = $2 AND c.company_id = d.company_id AND c.deal_id = d.id`,
      [owner.companyId, `D-${n}`, days],
    );
    await ds.query(
      `UPDATE deals SET stage_entered_at = now() - make_interval(days => $3::int), created_at = now() - make_interval(days => $3::int)
        WHERE company_id = $1 AND external_id = $2`,
      [owner.companyId, `D-${n}`, days],
    );
  }
  const pipelines = await api().get(`/api/companies/${owner.companyId}/pipelines`).set(owner.auth).expect(200);
  pipelineId = pipelines.body[0].id;
  pipelineName = pipelines.body[0].name;
}

beforeAll(async () => {
  await dealsCompany();
  const res = await api()
    .post(reportsUrl(owner))
    .set(owner.auth)
    .send({ type: 'pipeline', ...PERIOD, filters: { pipelineId }, title: 'Воронка за два месяца' })
    .expect(201);
  expect(res.body).toMatchObject({ type: 'pipeline', params: { filters: { pipelineId } } });
  report = await waitForReport(owner, res.body.id);
}, 120_000);

afterAll(() => ds?.destroy());

describe('pipeline report', () => {
  it('is ready with the funnel KPIs of the deals analytics, figure for figure', async () => {
    expect(report).toMatchObject({ status: 'ready', progress: 1, type: 'pipeline', error: null });
    const funnel = await analytics('funnel', { ...PERIOD, pipelineId });
    const value = await analytics('pipeline', { pipelineId });
    const stuck = await analytics('stuck', { pipelineId });
    expect(funnel.cohort).toBe(24);
    expect(report.result.summary).toMatchObject({
      currency: 'RUB',
      from: PERIOD.from,
      to: PERIOD.to,
      noData: false,
      subject: pipelineName,
    });
    expect(kpi('cohort').value).toBe(funnel.cohort);
    expect(kpi('winRate').value).toBe(funnel.winRate);
    expect(kpi('averageDealSize').value).toBe(funnel.averageDealSize);
    expect(kpi('medianCycleDays').value).toBe(funnel.medianCycleDays);
    expect(kpi('pipelineValue').value).toBe(value.totalValue);
    expect(kpi('weightedValue').value).toBe(value.totalWeightedValue);
    expect(kpi('openDeals').value).toBe(value.byStage.reduce((n: number, s: any) => n + s.count, 0));
    expect(kpi('stuckDeals').value).toBe(stuck.total);
    expect(stuck.total).toBeGreaterThan(0);
    // The previous period of equal length had no deals.
    expect(kpi('cohort').previous).toBe(0);
  });

  it('has the funnel, pipeline by stage and month and stuck deals tables of the analytics endpoints', async () => {
    const funnel = await analytics('funnel', { ...PERIOD, pipelineId });
    expect(table('funnel').rows).toEqual(
      funnel.stages.map((s: any) => [s.name, s.entered, s.reached, s.conversion, s.medianDays]),
    );
    expect(funnel.stages.map((s: any) => s.name)).toEqual([...STAGES, 'Выиграна', 'Проиграна']);
    const value = await analytics('pipeline', { pipelineId });
    expect(table('pipeline-by-stage').rows).toEqual(
      value.byStage.map((s: any) => [s.name, s.count, s.value, s.weightedValue]),
    );
    expect(table('pipeline-by-month').rows).toEqual(
      value.byCloseMonth.map((m: any) => [m.month, m.count, m.value, m.weightedValue]),
    );
    const stuck = await analytics('stuck', { pipelineId });
    const names = new Map(funnel.stages.map((s: any) => [s.stageId, s.name]));
    const expected = stuck.items.map((d: any) => [
      d.title,
      names.get(d.stageId),
      d.amount,
      d.currency,
      d.inStageSince.slice(0, 10),
      d.daysInStage,
      d.stageMedianDays,
    ]);
    // The most overdue deal (30 days in «Новая») leads both; deals moved a moment ago are ordered
    // by stays of seconds that grow while the spec runs, so the rest is compared as a set.
    const byTitle = (rows: unknown[][]) => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(table('stuck-deals').rows[0]).toEqual(expected[0]);
    expect(expected[0][0]).toBe('Сделка D-1');
    expect(byTitle(table('stuck-deals').rows)).toEqual(byTitle(expected));
    const chart = report.result.charts.find((c: any) => c.key === 'pipeline-by-month');
    expect(chart.series[0].points).toEqual(
      value.byCloseMonth.map((m: any) => ({ x: m.month ?? 'no-date', y: Number(m.weightedValue) })),
    );
  });

  it('writes Russian and English conclusions with the figures of the report', () => {
    const insights = report.result.insights as {
      code: string;
      text: string;
      textEn: string;
      figures: Record<string, unknown>;
    }[];
    expect(report.result.narrator).toBe('rules');
    const win = insights.find((i) => i.code === 'win-rate');
    expect(win?.figures).toEqual({ cohort: kpi('cohort').value, winRate: kpi('winRate').value });
    const weighted = insights.find((i) => i.code === 'weighted-pipeline');
    expect(weighted?.figures['weightedValue']).toBe(kpi('weightedValue').value);
    expect(insights.find((i) => i.code === 'stuck-deals')?.figures['stuckDeals']).toBe(kpi('stuckDeals').value);
    for (const i of insights) {
      expect(i.text).toMatch(/[а-яё]/i);
      // English apart from the stage names it quotes.
      expect(i.textEn.replace(/“[^”]*”/g, '')).toMatch(/^[\x20-\x7e\u00a0—]+$/);
    }
  });

  it('exports a PDF with the funnel, the charts, the stuck deals, conclusions and pages', async () => {
    const res = await exportFile(owner, report.id, 'pdf').expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text, pages } = readPdf(res.body, 'pipeline-page1');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Воронка за два месяца');
    expect(flat).toContain(`Воронка продаж · ${pipelineName}`);
    expect(flat).not.toContain(pipelineId);
    expect(flat).toContain('Доля выигранных');
    expect(flat).toContain('Воронка по этапам');
    expect(flat).toContain('Взвешенная воронка по месяцу закрытия');
    expect(flat).toContain('Зависшие сделки');
    expect(flat).toContain(String(table('stuck-deals').rows[0][0]));
    expect(flat).toContain('Выводы');
    expect(flat).toContain(`Страница ${pages} из ${pages}`);
    const weighted = Number(kpi('weightedValue').value)
      .toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
      .replace(/\s/g, ' ');
    expect(flat).toContain(`${weighted} ₽`);
    const en = readPdf((await exportFile(owner, report.id, 'pdf', { lang: 'en' }).expect(200)).body, 'pipeline-en');
    expect(en.text.replace(/\s+/g, ' ')).toContain('Sales pipeline');
    expect(en.text).toContain('Stuck deals');
  });

  it('exports CSV (one file per table, zipped) and XLSX with the rows of the report', async () => {
    const csv = await exportFile(owner, report.id, 'csv').expect(200);
    expect(csv.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(csv.body);
    expect(Object.keys(zip.files).sort()).toEqual([
      '01-funnel.csv',
      '02-pipeline-by-stage.csv',
      '03-pipeline-by-month.csv',
      '04-stuck-deals.csv',
    ]);
    const funnelCsv = (await (zip.file('01-funnel.csv') as JSZip.JSZipObject).async('string')).replace(/^\uFEFF/, '');
    const records: string[][] = parse(funnelCsv, { delimiter: ';' });
    expect(records[0]).toEqual(['Этап', 'Вошло', 'Дошло', 'Конверсия', 'Медиана, дней']);
    expect(records.slice(1).map((r) => [r[0], Number(r[1]), Number(r[2])])).toEqual(
      table('funnel').rows.map((r) => [r[0], r[1], r[2]]),
    );

    const xlsx = await exportFile(owner, report.id, 'xlsx').expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Показатели',
      'Воронка по этапам',
      'Открытые сделки по этапам',
      'Взвешенная воронка по месяцу за',
      'Зависшие сделки',
    ]);
    const kpis = workbook.getWorksheet('Показатели') as ExcelJS.Worksheet;
    expect(kpis.getCell('A2').value).toBe('Сделок вошло в воронку');
    expect(kpis.getCell('B2').value).toBe(kpi('cohort').value);
    const byStage = workbook.getWorksheet('Открытые сделки по этапам') as ExcelJS.Worksheet;
    const rows = table('pipeline-by-stage').rows;
    expect(byStage.rowCount).toBe(rows.length + 1);
    expect(byStage.getCell('A2').value).toBe(rows[0][0]);
    expect(byStage.getCell('D2').value).toBe(Number(rows[0][3]));
    expect(byStage.getCell('D2').numFmt).toBe('#,##0.00');
  });

  it('is shared and scheduled like the other types', async () => {
    await api()
      .post(reportsUrl(owner, `/${report.id}/share`))
      .set(owner.auth)
      .send({ company: true })
      .expect(200);
    const schedule = await api()
      .put(reportsUrl(owner, `/${report.id}/schedule`))
      .set(owner.auth)
      .send({ frequency: 'weekly', weekday: 1, time: '09:00', recipients: [] })
      .expect(200);
    expect(schedule.body.frequency).toBe('weekly');
    const listed = await api().get(reportsUrl(owner)).set(owner.auth).query({ type: 'pipeline' }).expect(200);
    expect(listed.body.items.map((r: any) => r.id)).toContain(report.id);
  });

  it('hides the report from another company (404) and refuses another company’s pipeline (400)', async () => {
    const other = await registerUser('ООО «Чужая»');
    await api()
      .get(reportsUrl(other, `/${report.id}`))
      .set(other.auth)
      .expect(404);
    await api()
      .get(reportsUrl(other, `/${report.id}/export`))
      .set(other.auth)
      .query({ format: 'pdf' })
      .expect(404);
    await api()
      .get(reportsUrl(owner, `/${report.id}`))
      .set(other.auth)
      .expect(404);
    const res = await api()
      .post(reportsUrl(other))
      .set(other.auth)
      .send({ type: 'pipeline', ...PERIOD, filters: { pipelineId } })
      .expect(400);
    expect(res.body.details).toEqual([
      { field: 'filters.pipelineId', messages: [`pipeline ${pipelineId} not found in this company`] },
    ]);
  });

  it('has a migration whose down removes the pipeline reports and the type, and whose up brings the type back', async () => {
    const Migration = MIGRATIONS.find((m) => m.name === 'ReportTypePipeline1764650000000');
    if (!Migration) throw new Error('the pipeline report type migration is not registered');
    const check = async (q: { query: (sql: string) => Promise<{ def: string }[]> }) =>
      (
        await q.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'reports_type_check'`)
      )[0].def;
    const q = ds.createQueryRunner();
    await q.startTransaction();
    try {
      await new Migration().down(q);
      expect(await check(q)).not.toContain('pipeline');
      expect(await q.query(`SELECT count(*)::int AS n FROM reports WHERE type = 'pipeline'`)).toEqual([{ n: 0 }]);
      await new Migration().up(q);
      expect(await check(q)).toContain("'pipeline'::text");
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
    await api()
      .get(reportsUrl(owner, `/${report.id}`))
      .set(owner.auth)
      .expect(200);
  });
});
