/**
 * The PDF: title and parameters, KPIs, charts as vector graphics (ECharts SVG embedded by
 * pdfmake), tables that break across pages with their header repeated, conclusions and
 * «Страница N из M». pdfmake's Roboto covers Cyrillic and ₽. pdfmake may read nothing but its own
 * font files (local access policy) and nothing from the network (URL policy).
 *
 * Every row of every table is in the PDF, and the file streams whatever its length: pdfmake lays out
 * the report with the first {@link PDF_BODY_ROWS} rows of each table (pdfmake holds a document's
 * whole layout in memory), and a longer table continues on pages drawn after it, at the end of the
 * document, straight onto pdfmake's pdfkit document a page at a time as its rows are read — same
 * columns, header repeated on each page, the page numbers counting them from page 1.
 */
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import type { ReportColumnResponse, ReportLanguage } from '@crm/shared/contracts';
import { formatChange, formatMoney, formatNumber, formatPercent } from '../generation/format';
import { COLUMN_LABELS, KPI_LABELS, label, TABLE_LABELS, TEXT, VALUE_LABELS } from '../labels';
import { reportTypeDefinition } from '../types/report-types';
import type { Cell } from '../generation/report-draft';
import { cellText } from './cells';
import { chartSvg } from './charts';
import type { StoredTable } from '../reports.store';
import type { ExportSource } from './export-source';

/** Rows of a table laid out by pdfmake in the report's body; the rest continue at the end. */
export const PDF_BODY_ROWS = 2000;

/** The continuation pages' geometry: pdfmake's A4 page and margins, one line of 8 pt a row. */
const PAGE = { width: 595.28, height: 841.89, left: 40, right: 40, top: 40, bottom: 50 };
const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const HEADING = 18;
const HEAD_ROW = 14;
const ROW = 11;
const PAD = 3;
export const CONTINUATION_ROWS_PER_PAGE = Math.floor((PAGE.height - PAGE.top - PAGE.bottom - HEADING - HEAD_ROW) / ROW);
/** Bytes of PDF the document may hold unread before drawing the next page waits for the reader. */
const HIGH_WATER = 1 << 20;

/** What of pdfmake's pdfkit document the continuation pages use. */
interface PdfKitDocument extends NodeJS.ReadableStream {
  readonly readableLength: number;
  addPage(options: { size: [number, number]; margin: number }): PdfKitDocument;
  bufferedPageRange(): { start: number; count: number };
  font(src: string): PdfKitDocument;
  fontSize(size: number): PdfKitDocument;
  fillColor(color: string): PdfKitDocument;
  strokeColor(color: string): PdfKitDocument;
  lineWidth(width: number): PdfKitDocument;
  rect(x: number, y: number, w: number, h: number): PdfKitDocument;
  fill(color: string): PdfKitDocument;
  moveTo(x: number, y: number): PdfKitDocument;
  lineTo(x: number, y: number): PdfKitDocument;
  stroke(): PdfKitDocument;
  text(text: string, x: number, y: number, options: { lineBreak: false }): PdfKitDocument;
  widthOfString(text: string): number;
  /** pdfmake's: the pdfkit font of a family and style, loaded once per document. */
  provideFont(family: string, bold: boolean, italics: boolean): { layoutCache?: Record<string, unknown> };
  end(): void;
}

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(doc: unknown): { getStream(): Promise<PdfKitDocument> };
}

let pdfmake: PdfMake | undefined;
/** Roboto's files as pdfmake registers them (pdfkit caches a font by its path). */
let roboto: { normal: string; bold: string } | undefined;

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
  roboto = { normal: fonts.Roboto['normal'], bold: fonts.Roboto['bold'] };
  pdfmake = instance;
  return instance;
}

function kpiValue(kind: string, value: string | number | null, currency: string, lang: ReportLanguage): string {
  if (value === null) return '—';
  if (kind === 'money') return formatMoney(value, currency, lang);
  if (kind === 'ratio') return formatPercent(Number(value), lang);
  return formatNumber(Number(value), lang, kind === 'integer' ? 0 : 2);
}

/** A table longer than the body holds: its first rows are in the body, all the others after it. */
interface Continuation {
  table: StoredTable;
  title: string;
  columns: ReportColumnResponse[];
  /** The body's rows: they size the continuation's columns. */
  sample: Cell[][];
  pages: number;
}

/** Money of a row with its own currency (by-currency, stuck deals) is written in that currency. */
function rowCurrencyOf(table: StoredTable, currency: string): (row: Cell[]) => string {
  const own = table.columns.findIndex((c) => c.key === 'currency');
  return (row) => (own >= 0 && typeof row[own] === 'string' ? String(row[own]) : currency);
}

const numeric = (c: ReportColumnResponse) => ['money', 'integer', 'number', 'ratio'].includes(c.type);

async function documentDefinition(
  source: ExportSource,
): Promise<{ definition: unknown; continuations: Continuation[] }> {
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
  const continuations: Continuation[] = [];
  for (const table of result.tables) {
    const columns = table.columns.filter((c) => c.type !== 'client');
    const title = label(TABLE_LABELS, table.key, lang);
    content.push({ text: title, style: 'h2' });
    if (table.totalRows === 0) {
      content.push({ text: t.none, style: 'note' });
      continue;
    }
    const rows: Cell[][] = [];
    for await (const page of source.rows(table, PDF_BODY_ROWS)) rows.push(...page);
    const indexes = columns.map((c) => table.columns.indexOf(c));
    const rowCurrency = rowCurrencyOf(table, currency);
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
    if (table.totalRows > rows.length) {
      content.push({
        text: t.continued(formatNumber(rows.length, lang, 0), formatNumber(table.totalRows, lang, 0)),
        style: 'note',
      });
      const rest = table.totalRows - rows.length;
      continuations.push({
        table,
        title,
        columns,
        sample: rows,
        pages: Math.ceil(rest / CONTINUATION_ROWS_PER_PAGE),
      });
    }
  }
  if (result.insights.length > 0) {
    content.push({ text: t.conclusions, style: 'h2' });
    content.push({ ul: result.insights.map((i) => (lang === 'ru' ? i.text : i.textEn)), margin: [0, 0, 0, 8] });
  }
  const continuationPages = continuations.reduce((sum, c) => sum + c.pages, 0);
  const definition = {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    info: { title: report.title, creator: 'CRM', producer: 'CRM reports' },
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    content,
    footer: (currentPage: number, pageCount: number) => ({
      text: t.page(currentPage, pageCount + continuationPages),
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
  return { definition, continuations };
}

/** Writes the PDF to `out` as pdfkit produces it, the continuation pages as their rows are read. */
export async function writePdf(source: ExportSource, out: Writable): Promise<void> {
  const { definition, continuations } = await documentDefinition(source);
  const doc = await engine().createPdf(definition).getStream();
  let closed = false;
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
    out.on('error', reject);
  });
  // Awaited once the pages are drawn; a reader's error meanwhile must not be an unhandled rejection.
  finished.catch(() => undefined);
  out.on('close', () => (closed = true));
  doc.pipe(out);
  const { start, count } = doc.bufferedPageRange();
  const bodyPages = start + count;
  const pageCount = bodyPages + continuations.reduce((sum, c) => sum + c.pages, 0);
  // The reader went away: stop drawing; what pdfkit still holds is dropped with the document.
  const readerGone = async () => {
    while (!closed && doc.readableLength > HIGH_WATER) await new Promise((resolve) => setTimeout(resolve, 5));
    return closed;
  };
  let page = bodyPages;
  for (const continuation of continuations) {
    page = await drawContinuation(doc, source, continuation, page, pageCount, readerGone);
    if (closed) break;
  }
  doc.end();
  if (!closed) await finished;
}

/** The whole PDF in memory (for mail attachments). */
export async function pdfBuffer(source: ExportSource): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writePdf(source, sink);
  return Buffer.concat(chunks);
}

/**
 * Draws the table's rows after the body's on pages of their own: a heading with the rows' range, the
 * header on a grey band, one line a row (a cell too long for its column ends in «…»), the page
 * number. Column widths follow the body's rows; text columns share what the others leave. Resolves
 * with the number of the last page drawn.
 */
async function drawContinuation(
  doc: PdfKitDocument,
  source: ExportSource,
  continuation: Continuation,
  pagesBefore: number,
  pageCount: number,
  readerGone: () => Promise<boolean>,
): Promise<number> {
  const { table, columns, sample, title } = continuation;
  const { lang } = source;
  const t = TEXT[lang];
  const fonts = roboto as { normal: string; bold: string };
  const indexes = columns.map((c) => table.columns.indexOf(c));
  const rowCurrency = rowCurrencyOf(table, source.result.summary.currency);
  const headers = columns.map((c) => label(COLUMN_LABELS, c.key, lang));
  const texts = (row: Cell[]) => columns.map((c, i) => cellText(c, row[indexes[i]], rowCurrency(row), lang));

  doc.font(fonts.bold).fontSize(8);
  const natural = headers.map((h) => doc.widthOfString(h) + 2 * PAD);
  doc.font(fonts.normal);
  for (const row of sample) {
    texts(row).forEach((text, i) => (natural[i] = Math.max(natural[i], doc.widthOfString(text) + 2 * PAD)));
  }
  const flexible = columns.map((c) => c.type === 'text');
  const fixed = natural.reduce((sum, w, i) => (flexible[i] ? sum : sum + w), 0);
  const flexCount = flexible.filter(Boolean).length;
  const share = flexCount > 0 ? Math.max((CONTENT_WIDTH - fixed) / flexCount, 40) : 0;
  let widths = natural.map((w, i) => (flexible[i] ? share : w));
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  if (tableWidth > CONTENT_WIDTH) widths = widths.map((w) => (w * CONTENT_WIDTH) / tableWidth);
  const width = Math.min(tableWidth, CONTENT_WIDTH);

  /** The text as it fits `room` points in the current font (cut with «…» when it does not), and its width. */
  const fit = (text: string, room: number): { text: string; width: number } => {
    const width = doc.widthOfString(text);
    if (width <= room) return { text, width };
    let low = 0;
    let high = text.length;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (doc.widthOfString(`${text.slice(0, mid)}…`) <= room) low = mid;
      else high = mid - 1;
    }
    const cut = `${text.slice(0, low)}…`;
    return { text: cut, width: doc.widthOfString(cut) };
  };
  const cells = (values: string[], y: number) => {
    let x = PAGE.left;
    values.forEach((value, i) => {
      const { text, width: used } = fit(value, widths[i] - 2 * PAD);
      const left = numeric(columns[i]) ? x + widths[i] - PAD - used : x + PAD;
      doc.text(text, left, y, { lineBreak: false });
      x += widths[i];
    });
  };
  const number = (n: number) => formatNumber(n, lang, 0);

  let page = pagesBefore;
  let rowNumber = sample.length;
  let pending: Cell[][] = [];
  const drawPage = (rows: Cell[][]) => {
    // pdfkit keeps the layout of every word it has measured or written, per font, for the whole
    // document: a continuation's words (names, e-mails, amounts) are nearly all new, and 100,000
    // rows kept ~1 GB of layouts. The cache lives one page here.
    for (const bold of [false, true]) {
      const font = doc.provideFont('Roboto', bold, false);
      if (font.layoutCache) font.layoutCache = Object.create(null) as Record<string, unknown>;
    }
    page += 1;
    const first = rowNumber + 1;
    rowNumber += rows.length;
    doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    let y = PAGE.top;
    doc
      .font(fonts.bold)
      .fontSize(10)
      .fillColor('#000000')
      .text(
        fit(t.continuation(title, number(first), number(rowNumber), number(table.totalRows)), CONTENT_WIDTH).text,
        PAGE.left,
        y,
        { lineBreak: false },
      );
    y += HEADING;
    doc.rect(PAGE.left, y, width, HEAD_ROW).fill('#eeeeee');
    doc.fillColor('#000000').font(fonts.bold).fontSize(8);
    cells(headers, y + 3);
    y += HEAD_ROW;
    doc.font(fonts.normal);
    for (const row of rows) {
      cells(texts(row), y + 1.5);
      y += ROW;
      doc
        .moveTo(PAGE.left, y)
        .lineTo(PAGE.left + width, y)
        .lineWidth(0.25)
        .strokeColor('#dddddd')
        .stroke();
    }
    const footer = t.page(page, pageCount);
    doc.fontSize(8).text(footer, (PAGE.width - doc.widthOfString(footer)) / 2, PAGE.height - PAGE.bottom + 20, {
      lineBreak: false,
    });
  };

  let skipped = 0;
  for await (const rows of source.rows(table)) {
    let fresh = rows;
    if (skipped < sample.length) {
      const skip = Math.min(sample.length - skipped, rows.length);
      skipped += skip;
      fresh = rows.slice(skip);
    }
    pending = pending.concat(fresh);
    while (pending.length >= CONTINUATION_ROWS_PER_PAGE) {
      drawPage(pending.slice(0, CONTINUATION_ROWS_PER_PAGE));
      pending = pending.slice(CONTINUATION_ROWS_PER_PAGE);
      if (await readerGone()) return page;
      // A page at a time: the API's other requests are answered between pages.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (pending.length > 0) drawPage(pending);
  return page;
}
