import type { ReportDraft } from './report-draft';

/**
 * Checks that every figure a written conclusion states is in the report: the numbers are parsed out
 * of the text (Russian `1 234 567,89`, `12,5 %`, `1,2 млн`; English `1,234,567.89`, `12.5%`, `1.2M`;
 * dates as `2025-03-01`, `01.03.2025`, `03/01/2025`) and each must match a number of the draft
 * (facts, KPIs, table cells, chart points, the period's dates), as it is, as a percentage of a ratio,
 * or rounded to the precision it is written with.
 */

export type TextLocale = 'ru' | 'en';

export interface StatedFigure {
  /** As written. */
  text: string;
  /** The value it states (scale words applied). */
  value: number;
  /** Half a unit of the last digit written (times the scale): how far rounding may have moved it. */
  tolerance: number;
}

export interface FigureCheck {
  ok: boolean;
  figures: StatedFigure[];
  /** The figures no number of the report explains. */
  unknown: StatedFigure[];
  /** The report's number each explained figure matched, by the figure's text. */
  matched: Record<string, number>;
}

const SPACE = '[ \\u00a0\\u202f]';
const DATE_ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/gu;
const DATE_DOTS = /(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)/gu;
const SCALES: [RegExp, number][] = [
  [/^\s*(?:тыс\.?|тысяч[а-яё]*|thousand|k(?![\p{L}]))/iu, 1e3],
  [/^\s*(?:млн\.?|миллион[а-яё]*|million|mln|m(?![\p{L}]))/iu, 1e6],
  [/^\s*(?:млрд\.?|миллиард[а-яё]*|billion|bn|b(?![\p{L}]))/iu, 1e9],
];
const NUMBER: Record<TextLocale, RegExp> = {
  ru: new RegExp(`(?<![\\p{L}\\d.,])(\\d{1,3}(?:${SPACE}\\d{3})+(?:,\\d+)?|\\d+(?:[,.]\\d+)?)`, 'gu'),
  en: /(?<![\p{L}\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)/gu,
};

/** The numbers a text states, in its locale's formatting (dates as their year, month and day). */
export function statedFigures(text: string, locale: TextLocale): StatedFigure[] {
  const out: StatedFigure[] = [];
  const exact = (s: string) => ({ text: s, value: Number(s), tolerance: 0 });
  let rest = text.replace(DATE_ISO, (_m, y: string, mo: string, d: string) => {
    out.push(exact(y), exact(String(Number(mo))), exact(String(Number(d))));
    return ' ';
  });
  rest = rest.replace(DATE_DOTS, (_m, a: string, b: string, y: string) => {
    out.push(exact(y), exact(String(Number(a))), exact(String(Number(b))));
    return ' ';
  });
  const re = new RegExp(NUMBER[locale].source, 'gu');
  let match: RegExpExecArray | null;
  while ((match = re.exec(rest))) {
    const raw = match[1];
    const normalised =
      locale === 'ru' ? raw.replace(new RegExp(SPACE, 'gu'), '').replace(',', '.') : raw.replace(/,/gu, '');
    const decimals = normalised.includes('.') ? normalised.length - normalised.indexOf('.') - 1 : 0;
    const after = rest.slice(match.index + raw.length);
    const scale = SCALES.find(([r]) => r.test(after))?.[1] ?? 1;
    out.push({
      text: raw,
      value: Number(normalised) * scale,
      tolerance: 0.5 * 10 ** -decimals * scale,
    });
  }
  return out;
}

/** Every number of the draft, with the year, month and day of every date in it. */
export function reportNumbers(draft: ReportDraft): number[] {
  const found = new Set<number>();
  const visit = (v: unknown, depth: number) => {
    if (depth > 8 || v === null || v === undefined) return;
    if (typeof v === 'number') {
      if (Number.isFinite(v)) found.add(v);
    } else if (typeof v === 'string') {
      const date = /^(\d{4})-(\d{2})(?:-(\d{2}))?/u.exec(v);
      if (date) {
        found.add(Number(date[1]));
        found.add(Number(date[2]));
        if (date[3]) found.add(Number(date[3]));
      } else if (/^-?\d+(?:\.\d+)?$/u.test(v.trim())) found.add(Number(v));
    } else if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
    } else if (typeof v === 'object') {
      for (const x of Object.values(v as Record<string, unknown>)) visit(x, depth + 1);
    }
  };
  visit(draft.facts, 0);
  visit(draft.summary, 0);
  visit(
    draft.tables.map((t) => t.rows),
    0,
  );
  visit(draft.charts, 0);
  // Rows a table shows are counted figures too ("5 clients at risk").
  for (const t of draft.tables) found.add(t.rows.length);
  return [...found];
}

/** Each stated figure must equal a report number (or its percentage, or either's absolute value) within its rounding. */
export function checkFigures(text: string, locale: TextLocale, numbers: number[]): FigureCheck {
  const figures = statedFigures(text, locale);
  const candidates = numbers.flatMap((n) => [Math.abs(n), Math.abs(n * 100)]);
  const unknown: StatedFigure[] = [];
  const matched: Record<string, number> = {};
  for (const f of figures) {
    const hit = candidates.find((c) => Math.abs(f.value - c) <= f.tolerance + 1e-9 * Math.max(1, c));
    if (hit === undefined) unknown.push(f);
    else matched[f.text] = hit;
  }
  return { ok: unknown.length === 0, figures, unknown, matched };
}
