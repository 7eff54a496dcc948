/**
 * The PDF: title and parameters, KPIs, charts as vector graphics (ECharts SVG embedded by
 * pdfmake), tables that break across pages with their header repeated, conclusions and
 * «Страница N из M». pdfmake's Roboto covers Cyrillic and ₽. pdfmake may read nothing but its own
 * font files (local access policy) and nothing from the network (URL policy).
 *
 * A PDF is a document to read: each table carries at most {@link PDF_MAX_ROWS} rows (with a note
 * that the XLSX and CSV exports hold all of them), so a PDF's size and memory stay bounded.
 */
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import type { ReportColumnResponse, ReportLanguage } from '@crm/shared/contracts';
import { formatChange, formatMoney, formatNumber, formatPercent } from '../generation/format';
import { COLUMN_LABELS, KPI_LABELS, label, TABLE_LABELS, TEXT, VALUE_LABELS } from '../labels';
import { reportTypeDefinition } from '../types/report-types';
import type { Cell } from '../generation/report-draft';
import { cellText } from './cells';
import { chartSvg } from './charts';
import type { ExportSource } from './export-source';

export const PDF_MAX_ROWS = 2000;

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(doc: unknown): {
    getStream(): Promise<NodeJS.ReadableStream & { end(): void }>;
    getBuffer(): Promise<Buffer>;
  };
}

let pdfmake: PdfMake | undefined;

function engine(): PdfMake {
  if (pdfmake) return pdfmake;
  const instance = require('pdfmake') as PdfMake;
  // The font map pdfmake ships: absolute paths built from its own __dirname (a require.resolve
  // here would be rewritten by the bundler).
  const fonts = require('pdfmake/fonts/Roboto.js') as { Roboto: Record<string, string> };
  const fontDir = dirname(fonts.Roboto['normal']);
  instance.setFonts(fonts);
  instance.setUrlAccessPolicy(() => false);
  instance.setLocalAccessPolicy((path) => path.startsWith(fontDir));
  pdfmake = instance;
  return instance;
}

function kpiValue(kind: string, value: string | number | null, currency: string, lang: ReportLanguage): string {
  if (value === null) return '—';
  if (kind === 'money') return formatMoney(value, currency, lang);
  if (kind === 'ratio') return formatPercent(Number(value), lang);
  return formatNumber(Number(value), lang, kind === 'integer' ? 0 : 2);
}

async function documentDefinition(source: ExportSource): Promise<unknown> {
  const { result, report, snapshot, lang } = source;
  const t = TEXT[lang];
  const currency = result.summary.currency;
  const content: unknown[] = [
    { text: report.title, style: 'title' },
    {
      text: [reportTypeDefinition(report.type).label[lang], result.summary.subject].filter(Boolean).join(' · '),
      style: 'subtitle',
    },
    {
      style: 'params',
      text: [
        `${t.period}: ${snapshot.period_from} — ${snapshot.period_to}    ${t.currency}: ${currency}    `,
        `${t.generatedAt}: ${(snapshot.generated_at ?? snapshot.created_at).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      ],
    },
  ];
  // The pipeline is named in the subtitle (the summary's subject), not by its id.
  const filters = Object.entries(report.params.filters ?? {}).filter(([k, v]) => v !== undefined && k !== 'pipelineId');
  if (filters.length > 0) {
    // The clients the filters resolved to at generation (ids ∩ segment ∩ amount range).
    const clients = result.summary.selection?.clients;
    const selected = clients === null || clients === undefined ? '' : ` (${t.selectedClients}: ${clients})`;
    content.push({
      style: 'params',
      text: `${t.filters}: ${filters.map(([k, v]) => `${k} = ${Array.isArray(v) ? v.map((x) => label(VALUE_LABELS, String(x), lang)).join(', ') : String(v)}`).join('; ')}${selected}`,
    });
  }
  if (result.summary.noData) content.push({ text: t.noData, style: 'note' });
  content.push({
    table: {
      headerRows: 1,
      widths: ['*', 'auto', 'auto', 'auto'],
      body: [
        [
          COLUMN_LABELS['key'][lang],
          COLUMN_LABELS['value'][lang],
          COLUMN_LABELS['previous'][lang],
          COLUMN_LABELS['change'][lang],
        ].map((text) => ({ text, style: 'th' })),
        ...result.summary.kpis.map((k) => [
          label(KPI_LABELS, k.key, lang),
          { text: kpiValue(k.kind, k.value, currency, lang), alignment: 'right' },
          { text: kpiValue(k.kind, k.previous, currency, lang), alignment: 'right' },
          { text: formatChange(k.change, lang), alignment: 'right' },
        ]),
      ],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 8, 0, 8],
  });
  for (const chart of result.charts) {
    if (chart.series.every((s) => s.points.length === 0)) continue;
    // A chart's heading never stays alone at the foot of a page.
    content.push({
      stack: [
        { text: label(TABLE_LABELS, chart.key === 'trend' ? 'timeseries' : chart.key, lang), style: 'h2' },
        { svg: chartSvg(chart, lang), width: 515 },
      ],
      unbreakable: true,
    });
  }
  for (const table of result.tables) {
    const columns = table.columns.filter((c) => c.type !== 'client');
    content.push({ text: label(TABLE_LABELS, table.key, lang), style: 'h2' });
    if (table.totalRows === 0) {
      content.push({ text: t.none, style: 'note' });
      continue;
    }
    const rows: Cell[][] = [];
    for await (const page of source.rows(table, PDF_MAX_ROWS)) rows.push(...page);
    const indexes = columns.map((c) => table.columns.indexOf(c));
    // Money of a row with its own currency (by-currency, stuck deals) is written in that currency.
    const own = table.columns.findIndex((c) => c.key === 'currency');
    const rowCurrency = (row: Cell[]) => (own >= 0 && typeof row[own] === 'string' ? String(row[own]) : currency);
    const numeric = (c: ReportColumnResponse) => ['money', 'integer', 'number', 'ratio'].includes(c.type);
    content.push({
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: columns.map((c) => (c.type === 'text' ? '*' : 'auto')),
        body: [
          columns.map((c) => ({ text: label(COLUMN_LABELS, c.key, lang), style: 'th' })),
          ...rows.map((row) =>
            columns.map((c, i) => ({
              text: cellText(c, row[indexes[i]], rowCurrency(row), lang),
              alignment: numeric(c) ? 'right' : 'left',
            })),
          ),
        ],
      },
      layout: 'lightHorizontalLines',
      style: 'table',
    });
    if (table.totalRows > rows.length) content.push({ text: t.truncated(rows.length, table.totalRows), style: 'note' });
  }
  if (result.insights.length > 0) {
    content.push({ text: t.conclusions, style: 'h2' });
    content.push({ ul: result.insights.map((i) => (lang === 'ru' ? i.text : i.textEn)), margin: [0, 0, 0, 8] });
  }
  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    info: { title: report.title, creator: 'CRM', producer: 'CRM reports' },
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    content,
    footer: (currentPage: number, pageCount: number) => ({
      text: t.page(currentPage, pageCount),
      alignment: 'center',
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 12, color: '#555555', margin: [0, 0, 0, 6] },
      params: { fontSize: 9, color: '#333333', margin: [0, 0, 0, 2] },
      h2: { fontSize: 13, bold: true, margin: [0, 12, 0, 6] },
      th: { bold: true, fillColor: '#eeeeee' },
      table: { fontSize: 8, margin: [0, 0, 0, 4] },
      note: { italics: true, color: '#555555', margin: [0, 2, 0, 6] },
    },
  };
}

/** Writes the PDF to `out` as pdfkit produces it. */
export async function writePdf(source: ExportSource, out: Writable): Promise<void> {
  const doc = engine().createPdf(await documentDefinition(source));
  const stream = await doc.getStream();
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
    out.on('error', reject);
    stream.pipe(out);
    stream.end();
  });
}

/** The whole PDF in memory (for mail attachments). */
export async function pdfBuffer(source: ExportSource): Promise<Buffer> {
  return engine()
    .createPdf(await documentDefinition(source))
    .getBuffer();
}
