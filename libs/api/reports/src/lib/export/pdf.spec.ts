import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Cell, col } from '../generation/report-draft';
import type { ExportSource } from './export-source';
import { CONTINUATION_ROWS_PER_PAGE, PDF_BODY_ROWS, pdfBuffer } from './pdf';

/** pdftotext's text of a PDF (poppler-utils, as the API e2e reads exports) and its page count. */
function read(pdf: Buffer): { text: string; pages: number; lastPage: string } {
  const dir = mkdtempSync(join(tmpdir(), 'crm-pdf-spec-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    const lastPage = execFileSync('pdftotext', ['-layout', '-f', String(pages), '-l', String(pages), file, '-'], {
      encoding: 'utf8',
    });
    return { text, pages, lastPage };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const flat = (text: string) => text.replace(/\s+/g, ' ');
const ru = (n: number) => n.toLocaleString('ru-RU').replace(/\s/g, ' ');

/** A report with one table of `rows` clients, its rows made by `row`. */
function source(rows: number, row: (i: number) => Cell[]): ExportSource {
  const table = {
    key: 'top-clients',
    columns: [
      col('rank', 'integer'),
      col('clientId', 'client'),
      col('name', 'text'),
      col('email', 'text'),
      col('revenue', 'money'),
      col('salesCount', 'integer'),
    ],
    totalRows: rows,
  };
  const at = new Date('2026-01-05T06:00:00Z');
  return {
    lang: 'ru',
    report: {
      type: 'sales-overview',
      title: 'Длинная таблица',
      params: { from: '2025-01-01', to: '2025-12-31', filters: {} },
    },
    snapshot: { period_from: '2025-01-01', period_to: '2025-12-31', generated_at: at, created_at: at },
    result: {
      summary: { currency: 'RUB', kpis: [], subject: null, noData: false },
      charts: [],
      insights: [],
      tables: [table],
    },
    async *rows(_table: unknown, limit?: number) {
      const end = Math.min(limit ?? rows, rows);
      // Pages of 700 rows: a continuation page's rows span two reads.
      for (let start = 0; start < end; start += 700) {
        const page: Cell[][] = [];
        for (let i = start + 1; i <= Math.min(start + 700, end); i++) page.push(row(i));
        yield page;
      }
    },
  } as unknown as ExportSource;
}

describe('report PDF: the rows after the body', () => {
  jest.setTimeout(60_000);

  const LONG = 'Очень длинное название компании '.repeat(8);
  const names: Record<number, string> = {
    [PDF_BODY_ROWS + 10]: 'Клиент №2010 Ива\u0301нов',
    [PDF_BODY_ROWS + 20]: 'Клиент №2020\nвторая строка',
    [PDF_BODY_ROWS + 30]: `Клиент №2030 ${LONG}`,
    [PDF_BODY_ROWS + 40]: 'Клиент №2040 🙂 café',
  };
  const total = PDF_BODY_ROWS + 2 * CONTINUATION_ROWS_PER_PAGE + 5;
  // The continuation's ranks are far wider than the body's: its columns are sized by the body.
  const rank = (i: number) => (i > PDF_BODY_ROWS ? i * 100_000 : i);
  let text: string;
  let pages: number;
  let lastPage: string;

  beforeAll(async () => {
    const pdf = await pdfBuffer(
      source(total, (i) => [
        rank(i),
        `id-${i}`,
        names[i] ?? `Клиент №${i}`,
        `client${i}@example.ru`,
        (i * 1.37).toFixed(2),
        i % 50,
      ]),
    );
    ({ text, pages, lastPage } = read(pdf));
  });

  it('holds every row once, on pages numbered with the body’s', () => {
    const found = [...flat(text).matchAll(/Клиент №(\d+)/g)].map((m) => Number(m[1]));
    expect(found).toHaveLength(total);
    expect(new Set(found).size).toBe(total);
    expect(flat(text)).toContain(`Страница 1 из ${pages}`);
    expect(flat(lastPage)).toContain(`Страница ${pages} из ${pages}`);
    const lastFirst = PDF_BODY_ROWS + 2 * CONTINUATION_ROWS_PER_PAGE + 1;
    expect(flat(lastPage)).toContain(
      `Лучшие клиенты — продолжение: строки ${ru(lastFirst)}–${ru(total)} из ${ru(total)}`,
    );
    expect(flat(lastPage)).toContain(`client${total}@example.ru`);
  });

  it('writes numbers whole, smaller when wider than their column', () => {
    for (const i of [PDF_BODY_ROWS + 1, PDF_BODY_ROWS + 77, total]) {
      expect(flat(text)).toContain(`${ru(rank(i))} Клиент №${i} client${i}@example.ru`);
      expect(flat(text)).toContain(`${ru(Number((i * 1.37).toFixed(2)))}`.replace('.', ','));
    }
    expect(flat(text)).not.toMatch(/\d…/);
  });

  it('cuts long text with «…», writes a line break as a space, and shapes what needs shaping', () => {
    expect(flat(text)).toContain('Клиент №2030 Очень длинное название');
    expect(flat(text)).toMatch(/Клиент №2030 Очень длинное название[^…]*… client2030@example\.ru/);
    expect(flat(text)).not.toContain(`Клиент №2030 ${LONG}`.trim());
    expect(flat(text)).toContain('Клиент №2020 вторая строка');
    // A combining accent goes through pdfkit's layout (the mark placed over its letter).
    expect(flat(text).normalize('NFC')).toContain('Клиент №2010 Ива\u0301нов'.normalize('NFC'));
    // An emoji Roboto has no glyph for is left out; the rest of the cell is written.
    expect(flat(text)).toContain('Клиент №2040 café');
  });
});
