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

/** pdfkit's embedded (subset) font: what the continuation's glyph writer uses of it. */
interface EmbeddedFont {
  /** The font's resource name on a page (`F1`, `F2`…). */
  readonly id: string;
  /** Above the baseline, in thousandths of the size. */
  readonly ascender: number;
  /** Glyphs laid out, each added to the document's subset: their 4-digit hex codes and advances (thousandths). */
  encode(text: string): [string[], { xAdvance: number }[]];
  ref(): unknown;
  layoutCache?: Record<string, unknown>;
}

/** What of pdfmake's pdfkit document the continuation pages use. */
interface PdfKitDocument extends NodeJS.ReadableStream {
  readonly readableLength: number;
  /** The page being drawn: its font resources. */
  readonly page: { fonts: Record<string, unknown> };
  addPage(options: { size: [number, number]; margin: number }): PdfKitDocument;
  addContent(operators: string): PdfKitDocument;
  bufferedPageRange(): { start: number; count: number };
  font(src: string): PdfKitDocument;
  fontSize(size: number): PdfKitDocument;
  fillColor(color: string): PdfKitDocument;
  rect(x: number, y: number, w: number, h: number): PdfKitDocument;
  fill(color: string): PdfKitDocument;
  text(text: string, x: number, y: number, options: { lineBreak: false }): PdfKitDocument;
  widthOfString(text: string): number;
  /** pdfmake's: the pdfkit font of a family and style, loaded once per document. */
  provideFont(family: string, bold: boolean, italics: boolean): EmbeddedFont;
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
 * Characters a cell cannot be written with one glyph each, left to right: combining marks, scripts
 * that are shaped or written right to left (Hebrew, Arabic, Indic, Thai, Hangul jamo…),
 * bidirectional and zero-width controls, variation selectors, and anything beyond the basic plane
 * (emoji). A cell with one of them goes through pdfkit's own text layout.
 */
const SHAPED =
  // The class holds ranges of combining marks on purpose: it is read one UTF-16 code unit at a time.
  // eslint-disable-next-line no-misleading-character-class
  /[\u0300-\u036f\u0483-\u0489\u0591-\u08ff\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1100-\u11ff\u1780-\u18af\u1a00-\u1dff\u200b-\u200f\u202a-\u202e\u2066-\u2069\u20d0-\u20ff\ufb1d-\ufdff\ufe00-\ufe0f\ufe20-\ufe2f\ufe70-\ufeff\ud800-\udfff]/;

/**
 * Writes text in one of the document's fonts straight into the page's content: each character's
 * glyph is looked up once (and added to the font's subset by pdfkit), and a cell becomes one `Tj`
 * of its glyphs' codes. pdfkit's `text()` lays every string out anew through fontkit (and keeps each
 * layout for the document): for 100,000 rows of names and e-mails that was four fifths of the PDF's
 * time. Cells are written without kerning or ligatures (a table's text reads and copies the same),
 * and {@link SHAPED} ones through pdfkit.
 */
class GlyphWriter {
  /** By UTF-16 code unit (simple text has no surrogates): the glyph's 4-digit hex code(s)… */
  private readonly codes: (string | undefined)[] = [];
  /** …and its advance in thousandths of the size. */
  private readonly advances = new Float64Array(0x10000);

  constructor(
    private readonly font: EmbeddedFont,
    /** The font's file, for pdfkit's own path. */
    readonly src: string,
  ) {}

  get id(): string {
    return this.font.id;
  }

  /** Whether `text` is written glyph by glyph (otherwise through pdfkit's layout). */
  simple(text: string): boolean {
    return !SHAPED.test(text);
  }

  /** The width of simple text at `size` points. */
  width(text: string, size: number): number {
    let advance = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (this.codes[unit] === undefined) this.load(unit);
      advance += this.advances[unit];
    }
    return (advance * size) / 1000;
  }

  /** The glyph codes of simple text, as a PDF hex string's body. */
  hex(text: string): string {
    let hex = '';
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      hex += this.codes[unit] ?? this.load(unit);
    }
    return hex;
  }

  /** How far the baseline is below a line's top at `size` points. */
  baseline(size: number): number {
    return (this.font.ascender / 1000) * size;
  }

  /** The font among the page's resources (once per page). */
  use(doc: PdfKitDocument): void {
    if (doc.page.fonts[this.font.id] == null) doc.page.fonts[this.font.id] = this.font.ref();
  }

  /** A character's glyph, looked up (and added to the font's subset) the first time it is used. */
  private load(unit: number): string {
    const [codes, positions] = this.font.encode(String.fromCharCode(unit));
    const hex = codes.join('');
    this.codes[unit] = hex;
    this.advances[unit] = positions.reduce((sum, p) => sum + p.xAdvance, 0);
    return hex;
  }
}

/** A coordinate in a content stream. */
const pt = (n: number) => (Math.round(n * 100) / 100).toString();

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
  const regular = new GlyphWriter(doc.provideFont('Roboto', false, false), fonts.normal);
  const bold = new GlyphWriter(doc.provideFont('Roboto', true, false), fonts.bold);
  const indexes = columns.map((c) => table.columns.indexOf(c));
  const rowCurrency = rowCurrencyOf(table, source.result.summary.currency);
  const headers = columns.map((c) => label(COLUMN_LABELS, c.key, lang));
  // A control character (a line break in a name) is a space: a row is one line.
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f]/g;
  const texts = (row: Cell[]) =>
    columns.map((c, i) => cellText(c, row[indexes[i]], rowCurrency(row), lang).replace(control, ' '));

  /** The text's width in `writer`'s font at `size` (pdfkit measures what it writes itself). */
  const widthOf = (writer: GlyphWriter, size: number, text: string): number => {
    if (writer.simple(text)) return writer.width(text, size);
    return doc.font(writer.src).fontSize(size).widthOfString(text);
  };

  const natural = headers.map((h) => widthOf(bold, 8, h) + 2 * PAD);
  for (const row of sample) {
    texts(row).forEach((text, i) => (natural[i] = Math.max(natural[i], widthOf(regular, 8, text) + 2 * PAD)));
  }
  const flexible = columns.map((c) => c.type === 'text');
  const fixed = natural.reduce((sum, w, i) => (flexible[i] ? sum : sum + w), 0);
  const flexCount = flexible.filter(Boolean).length;
  const share = flexCount > 0 ? Math.max((CONTENT_WIDTH - fixed) / flexCount, 40) : 0;
  let widths = natural.map((w, i) => (flexible[i] ? share : w));
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  if (tableWidth > CONTENT_WIDTH) widths = widths.map((w) => (w * CONTENT_WIDTH) / tableWidth);
  const width = Math.min(tableWidth, CONTENT_WIDTH);

  /** The text as it fits `room` points, cut with «…» when it does not. */
  const fit = (writer: GlyphWriter, size: number, text: string, room: number): string => {
    if (widthOf(writer, size, text) <= room) return text;
    const chars = [...text];
    let low = 0;
    let high = chars.length;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (widthOf(writer, size, `${chars.slice(0, mid).join('')}…`) <= room) low = mid;
      else high = mid - 1;
    }
    return `${chars.slice(0, low).join('')}…`;
  };

  /**
   * A page's text, gathered and added to its content in one piece: in PDF's own coordinates
   * (pdfkit's page is flipped to y-down), one `BT … ET` a cell; a shaped cell is handed to pdfkit.
   */
  class PageText {
    private ops: string[] = [];

    /** Writes `text` with its top-left at (x, y) of pdfkit's y-down page. */
    write(writer: GlyphWriter, size: number, text: string, x: number, y: number): void {
      if (text.length === 0) return;
      if (!writer.simple(text)) {
        this.flush();
        doc.font(writer.src).fontSize(size).fillColor('#000000').text(text, x, y, { lineBreak: false });
        return;
      }
      writer.use(doc);
      const baseline = PAGE.height - y - writer.baseline(size);
      this.ops.push(`BT /${writer.id} ${pt(size)} Tf 1 0 0 1 ${pt(x)} ${pt(baseline)} Tm <${writer.hex(text)}> Tj ET`);
    }

    /**
     * A line's cells: text cut to its column with «…»; numbers right-aligned and never cut — one
     * wider than its column (the columns are sized by the body's rows) is written smaller to fit.
     */
    cells(writer: GlyphWriter, values: string[], y: number): void {
      let x = PAGE.left;
      values.forEach((value, i) => {
        const room = widths[i] - 2 * PAD;
        if (numeric(columns[i])) {
          const natural = widthOf(writer, 8, value);
          const size = natural > room ? (8 * room) / natural : 8;
          // The same baseline as the row's other cells.
          const top = y + writer.baseline(8) - writer.baseline(size);
          this.write(writer, size, value, x + widths[i] - PAD - Math.min(natural, room), top);
        } else {
          this.write(writer, 8, fit(writer, 8, value, room), x + PAD, y);
        }
        x += widths[i];
      });
    }

    flush(): void {
      if (this.ops.length === 0) return;
      doc.addContent(`q 1 0 0 -1 0 ${pt(PAGE.height)} cm 0 0 0 rg\n${this.ops.join('\n')}\nQ`);
      this.ops = [];
    }
  }

  const number = (n: number) => formatNumber(n, lang, 0);
  let page = pagesBefore;
  let rowNumber = sample.length;
  let pending: Cell[][] = [];
  const drawPage = (rows: Cell[][]) => {
    // pdfkit keeps the layout of every string it measures or writes, per font, for the whole
    // document: only shaped cells get there now, and the cache lives one page.
    for (const writer of [regular, bold]) {
      const font = doc.provideFont('Roboto', writer === bold, false);
      if (font.layoutCache) font.layoutCache = Object.create(null) as Record<string, unknown>;
    }
    page += 1;
    const first = rowNumber + 1;
    rowNumber += rows.length;
    doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    const text = new PageText();
    let y = PAGE.top;
    const heading = t.continuation(title, number(first), number(rowNumber), number(table.totalRows));
    text.write(bold, 10, fit(bold, 10, heading, CONTENT_WIDTH), PAGE.left, y);
    y += HEADING;
    text.flush();
    doc.rect(PAGE.left, y, width, HEAD_ROW).fill('#eeeeee');
    text.cells(bold, headers, y + 3);
    y += HEAD_ROW;
    const rules: string[] = [];
    for (const row of rows) {
      text.cells(regular, texts(row), y + 1.5);
      y += ROW;
      rules.push(`${pt(PAGE.left)} ${pt(y)} m ${pt(PAGE.left + width)} ${pt(y)} l`);
    }
    const footer = t.page(page, pageCount);
    text.write(regular, 8, footer, (PAGE.width - widthOf(regular, 8, footer)) / 2, PAGE.height - PAGE.bottom + 20);
    text.flush();
    // A hairline under each row, in one path.
    doc.addContent(`q 0.25 w 0.867 0.867 0.867 RG\n${rules.join('\n')}\nS Q`);
  };

  let skipped = 0;
  for await (const rows of source.rows(table)) {
    // The body's rows come first in the table: skipped.
    let next = 0;
    if (skipped < sample.length) {
      next = Math.min(sample.length - skipped, rows.length);
      skipped += next;
    }
    // A page's rows may span two reads.
    while (next < rows.length) {
      const take = Math.min(CONTINUATION_ROWS_PER_PAGE - pending.length, rows.length - next);
      for (let i = 0; i < take; i++) pending.push(rows[next + i]);
      next += take;
      if (pending.length < CONTINUATION_ROWS_PER_PAGE) break;
      drawPage(pending);
      pending = [];
      if (await readerGone()) return page;
      // A page at a time: the API's other requests are answered between pages.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (pending.length > 0) drawPage(pending);
  return page;
}
