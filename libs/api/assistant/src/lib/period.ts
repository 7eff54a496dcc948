/**
 * Periods named in a question, in Russian or English, resolved against the company's "today":
 * years ("за 2024 год", "in 2024"), quarters ("Q3 2025", "в 3 квартале 2025", "last quarter"),
 * months ("в марте 2025", "last month"), month ranges ("с марта по май", "from March to May 2025"),
 * relative spans ("за последние 30 дней", "past 3 months"), weeks, days and ISO/dotted dates.
 */

export interface Period {
  from: string;
  to: string;
}

export interface PeriodMatch extends Period {
  /** Where the mention starts in the text: mentions are returned in reading order. */
  index: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function addDaysIso(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function monthPeriod(y: number, m: number): Period {
  while (m < 1) {
    m += 12;
    y -= 1;
  }
  while (m > 12) {
    m -= 12;
    y += 1;
  }
  return { from: iso(y, m, 1), to: iso(y, m, lastDay(y, m)) };
}

export function quarterPeriod(y: number, q: number): Period {
  while (q < 1) {
    q += 4;
    y -= 1;
  }
  while (q > 4) {
    q -= 4;
    y += 1;
  }
  return { from: iso(y, 3 * q - 2, 1), to: iso(y, 3 * q, lastDay(y, 3 * q)) };
}

/** The period of the same length just before `p` (what "compared with the previous period" means). */
export function previousPeriod(p: Period): Period {
  const [fy, fm, fd] = p.from.split('-').map(Number);
  const [ty, tm, td] = p.to.split('-').map(Number);
  // Whole months (a month, quarter, year, or a month range) step back by whole months.
  if (fd === 1 && td === lastDay(ty, tm)) {
    const months = (ty - fy) * 12 + (tm - fm) + 1;
    const start = monthPeriod(fy, fm - months);
    const end = monthPeriod(fy, fm - 1);
    return { from: start.from, to: end.to };
  }
  const days = Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1;
  return { from: addDaysIso(p.from, -days), to: addDaysIso(p.from, -1) };
}

/** Month stems: a Russian stem takes any ending (марта, марте), an English name its short form too. */
const MONTHS: { ru: string; en: string }[] = [
  { ru: 'январ[а-яё]*', en: 'jan(?:uary)?' },
  { ru: 'феврал[а-яё]*', en: 'feb(?:ruary)?' },
  { ru: 'март[а-яё]*', en: 'mar(?:ch)?' },
  { ru: 'апрел[а-яё]*', en: 'apr(?:il)?' },
  { ru: 'ма[йяею]', en: 'may' },
  { ru: 'июн[а-яё]*', en: 'june?' },
  { ru: 'июл[а-яё]*', en: 'july?' },
  { ru: 'август[а-яё]*', en: 'aug(?:ust)?' },
  { ru: 'сентябр[а-яё]*', en: 'sep(?:t(?:ember)?)?' },
  { ru: 'октябр[а-яё]*', en: 'oct(?:ober)?' },
  { ru: 'ноябр[а-яё]*', en: 'nov(?:ember)?' },
  { ru: 'декабр[а-яё]*', en: 'dec(?:ember)?' },
];
const MONTH_ALT = MONTHS.map((m) => `${m.ru}|${m.en}`).join('|');

function monthOf(word: string): number {
  for (let i = 0; i < MONTHS.length; i++) {
    if (new RegExp(`^(?:${MONTHS[i].ru}|${MONTHS[i].en})$`, 'iu').test(word)) return i + 1;
  }
  return 0;
}

const ORDINAL_QUARTER: Record<string, number> = {
  перв: 1,
  втор: 2,
  трет: 3,
  четв: 4,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
};

const NUMBER_WORDS: Record<string, number> = {
  один: 1,
  одну: 1,
  два: 2,
  две: 2,
  три: 3,
  четыре: 4,
  пять: 5,
  шесть: 6,
  семь: 7,
  десять: 10,
  двенадцать: 12,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  ten: 10,
  twelve: 12,
};

/** A word boundary that works for Cyrillic too. */
const B = '(?<![\\p{L}\\d])';
const E = '(?![\\p{L}\\d])';
const rx = (source: string) => new RegExp(`${B}(?:${source})${E}`, 'giu');

interface Rule {
  re: RegExp;
  resolve(m: RegExpExecArray, today: Period & { y: number; m: number; d: number }): Period | null;
}

const YEAR = '(20\\d{2}|19\\d{2})';

/** A month named without a year: the latest such month that has begun. */
function recentMonthYear(month: number, t: { y: number; m: number }): number {
  return month <= t.m ? t.y : t.y - 1;
}

const RULES: Rule[] = [
  // ISO and dotted date ranges: "с 2025-01-01 по 2025-03-31", "01.01.2025–31.03.2025".
  {
    re: rx(
      '(?:с|from|between)?\\s*(\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\.\\d{1,2}\\.\\d{4})\\s*(?:по|до|to|and|through|until|–|—|-)\\s*(\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\.\\d{1,2}\\.\\d{4})',
    ),
    resolve: (m) => {
      const day = (s: string) =>
        s.includes('.')
          ? s
              .split('.')
              .reverse()
              .map((p) => p.padStart(2, '0'))
              .join('-')
          : s;
      const from = day(m[1]);
      const to = day(m[2]);
      return from <= to ? { from, to } : null;
    },
  },
  // Month ranges: "с марта по май 2025", "from March to May 2025", "March–May 2025", "between March and May".
  {
    re: rx(
      `(?:с|from|between)?\\s*(${MONTH_ALT})\\s*(${YEAR.slice(1, -1)})?\\s*(?:по|до|to|and|through|until|–|—|-)\\s*(${MONTH_ALT})(?:\\s+(?:of\\s+)?${YEAR})?(?:\\s*(?:года|г\\.?))?`,
    ),
    resolve: (m, t) => {
      const a = monthOf(m[1]);
      const b = monthOf(m[3]);
      if (!a || !b) return null;
      const y2 = m[4] ? Number(m[4]) : m[2] ? Number(m[2]) : recentMonthYear(b, t);
      const y1 = m[2] ? Number(m[2]) : a <= b ? y2 : y2 - 1;
      return { from: monthPeriod(y1, a).from, to: monthPeriod(y2, b).to };
    },
  },
  // Quarters: "Q3 2025", "3 квартал 2025", "3-й квартал", "третьем квартале 2025", "third quarter of 2025".
  {
    re: rx(
      `(?:q([1-4])|([1-4])\\s*(?:-?(?:й|м|ом|ий|ем|th|rd|nd|st))?\\s*(?:квартал[а-яё]*|quarter)|(перв|втор|трет|четв|first|second|third|fourth)[а-яё]*\\s+(?:квартал[а-яё]*|quarter))(?:\\s*(?:of\\s+)?${YEAR})?(?:\\s*(?:года|г\\.?))?`,
    ),
    resolve: (m, t) => {
      const q = Number(m[1] ?? m[2] ?? 0) || ORDINAL_QUARTER[m[3]?.toLowerCase() ?? ''];
      if (!q) return null;
      const currentQ = Math.floor((t.m - 1) / 3) + 1;
      const y = m[4] ? Number(m[4]) : q <= currentQ ? t.y : t.y - 1;
      return quarterPeriod(y, q);
    },
  },
  // A month with or without a year: "в марте 2025", "за март", "in March 2025", "March of 2024".
  {
    re: rx(`(${MONTH_ALT})(?:\\s+(?:of\\s+)?${YEAR})?(?:\\s*(?:года|г\\.?))?`),
    resolve: (m, t) => {
      const month = monthOf(m[1]);
      if (!month) return null;
      // "may" alone in English is usually the verb: only with a year.
      if (/^may$/i.test(m[1]) && !m[2]) return null;
      return monthPeriod(m[2] ? Number(m[2]) : recentMonthYear(month, t), month);
    },
  },
  // Relative spans: "за последние 30 дней", "last 3 months", "past 2 weeks", "за последний год".
  {
    re: rx(
      `(?:за\\s+)?(?:последн[а-яё]*|прошедш[а-яё]*|last|past|previous)\\s+(\\d+|${Object.keys(NUMBER_WORDS).join('|')})\\s*(дн[а-яё]*|день|недел[а-яё]*|месяц[а-яё]*|days?|weeks?|months?)`,
    ),
    resolve: (m, t) => {
      const n = /^\d+$/.test(m[1]) ? Number(m[1]) : NUMBER_WORDS[m[1].toLowerCase()];
      if (!n || n > 3650) return null;
      const unit = m[2].toLowerCase();
      const today = t.to;
      if (/^(дн|день|day)/.test(unit)) return { from: addDaysIso(today, -(n - 1)), to: today };
      if (/^(недел|week)/.test(unit)) return { from: addDaysIso(today, -(7 * n - 1)), to: today };
      // n whole months before the current one.
      return { from: monthPeriod(t.y, t.m - n).from, to: monthPeriod(t.y, t.m - 1).to };
    },
  },
  {
    re: rx(
      '(?:в\\s+|за\\s+|на\\s+)?(прошл[а-яё]*|предыдущ[а-яё]*|позапрошл[а-яё]*|эт[а-яё]*|текущ[а-яё]*|нынешн[а-яё]*|last|previous|this|current)\\s+(год[а-яё]*|квартал[а-яё]*|месяц[а-яё]*|недел[а-яё]*|year|quarter|month|week)',
    ),
    resolve: (m, t) => {
      const which = m[1].toLowerCase();
      const back = which.startsWith('позапрошл') ? 2 : /^(прошл|предыдущ|last|previous)/.test(which) ? 1 : 0;
      const unit = m[2].toLowerCase();
      if (/^(год|year)/.test(unit)) return { from: iso(t.y - back, 1, 1), to: iso(t.y - back, 12, 31) };
      if (/^(квартал|quarter)/.test(unit)) return quarterPeriod(t.y, Math.floor((t.m - 1) / 3) + 1 - back);
      if (/^(месяц|month)/.test(unit)) return monthPeriod(t.y, t.m - back);
      // Weeks start on Monday.
      const dow = (new Date(Date.UTC(t.y, t.m - 1, t.d)).getUTCDay() + 6) % 7;
      const monday = addDaysIso(t.to, -dow - 7 * back);
      return { from: monday, to: addDaysIso(monday, 6) };
    },
  },
  {
    re: rx('(сегодня|today|вчера|yesterday)'),
    resolve: (m, t) => {
      const day = /^(вчера|yesterday)$/i.test(m[1]) ? addDaysIso(t.to, -1) : t.to;
      return { from: day, to: day };
    },
  },
  // A year: "за 2024 год", "в 2024 году", "in 2024", "2024".
  {
    re: rx(`${YEAR}(?:\\s*(?:год[а-яё]*|г\\.?))?`),
    resolve: (m) => ({ from: iso(Number(m[1]), 1, 1), to: iso(Number(m[1]), 12, 31) }),
  },
];

/** Every period the text names, in reading order; a span claimed by one rule is not read again. */
export function findPeriods(text: string, today: string): PeriodMatch[] {
  const [y, m, d] = today.split('-').map(Number);
  const t = { from: today, to: today, y, m, d };
  const taken: [number, number][] = [];
  const found: PeriodMatch[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = rule.re.exec(text))) {
      const start = match.index + (match[0].length - match[0].trimStart().length);
      const end = match.index + match[0].length;
      if (match[0].trim() === '') {
        rule.re.lastIndex++;
        continue;
      }
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const period = rule.resolve(match, t);
      if (!period) continue;
      taken.push([start, end]);
      found.push({ ...period, index: start });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
