/**
 * The offline engine's brain: a deterministic planner over the same typed tools for the common
 * questions in Russian and English. `understand` reads the question, `nextCalls` says which tool
 * calls come next given the results so far (null: done), `render` writes the answer from the
 * results with locale-formatted numbers. The loopback test server replays the same plan through
 * the real model path.
 */
import type { AssistantLocale } from '@crm/shared/contracts';
import {
  DEAL_INTENT_PATTERNS,
  type DealAsk,
  dealAsk,
  type DealIntent,
  nextDealCalls,
  renderDeals,
  type TaskAsk,
  taskAsk,
} from './deal-planner';
import { formatDate, formatMoney, formatNumber, formatPercent, formatPeriod } from './format';
import { addDaysIso, findPeriods, monthPeriod, type Period, previousPeriod } from './period';

export type Intent =
  | 'summary'
  | 'trend'
  | 'compare'
  | 'forecast'
  | 'top_clients'
  | 'at_risk'
  | 'offer'
  | 'history'
  | 'products'
  | 'segments'
  | 'note'
  | 'report'
  | DealIntent
  | 'unknown';

export type Metric = 'revenue' | 'salesCount' | 'buyers' | 'averageOrderValue' | 'newClients';

export interface Understanding {
  intent: Intent;
  locale: AssistantLocale;
  today: string;
  periods: Period[];
  /** The metrics asked for (summary); empty = the usual set. */
  metrics: Metric[];
  clientQuery?: string;
  noteText?: string;
  horizon: number;
  granularity?: 'day' | 'week' | 'month';
  limit: number;
  /** The report type asked for (`report`). */
  reportType?: ReportKind;
  /** The find_deals filters (`deals`). */
  deals?: DealAsk;
  /** The task asked for (`task`). */
  task?: TaskAsk;
}

export type ReportKind = 'sales-overview' | 'sales-trends' | 'sales-recommendations';

export interface PlannedCall {
  name: string;
  args: Record<string, unknown>;
}

export interface PriorCall {
  name: string;
  args: Record<string, unknown>;
  outcome: 'ok' | 'error';
  data?: Record<string, unknown>;
  error?: string;
}

const B = '(?<![\\p{L}\\d])';
const has = (text: string, pattern: string) => new RegExp(`${B}(?:${pattern})`, 'iu').test(text);

export function detectLocale(text: string): AssistantLocale {
  return /[а-яё]/i.test(text) ? 'ru' : 'en';
}

const [TASK, ...DEAL_PATTERNS] = DEAL_INTENT_PATTERNS;

const INTENT_PATTERNS: [Intent, string][] = [
  TASK,
  ['report', 'отч[её]т|report(?![\\p{L}])'],
  [
    'note',
    'добав[а-яё]* замет|запиш[а-яё]* замет|остав[а-яё]* замет|add (?:a )?note|leave (?:a )?note|write (?:a )?note',
  ],
  ...DEAL_PATTERNS,
  [
    'forecast',
    'прогноз|спрогноз|предскаж|ожида[а-яё]* выручк|сколько заработаем|forecast|predict|projection|expected revenue|next (?:\\d+ )?(?:month|quarter|week)',
  ],
  [
    'at_risk',
    'риск|уйти|уход|отток|теряем|потеря|спящ|перестал[а-яё]* покупать|at risk|churn|losing|lapsed|stopped buying|dormant',
  ],
  [
    'offer',
    'предлож|порекоменд|рекоменд|допрода|что продать|offer|recommend|upsell|cross-sell|what (?:else )?(?:to|should we) sell|pitch',
  ],
  [
    'history',
    'истори|профил|карточк|что покупал|что купил|покупки клиента|history|profile|what did .* buy|purchases of|bought by',
  ],
  ['segments', 'сегмент|rfm|segment'],
  ['products', 'товар|продукт|позици|артикул|sku|product|item|bestseller|best-selling|best selling'],
  [
    'top_clients',
    'топ|лучш[а-яё]* клиент|лучш[а-яё]* покупател|крупн[а-яё]* клиент|ключев[а-яё]* клиент|больше всего (?:купил|потратил|принес)|top|best (?:clients|customers)|biggest (?:clients|customers)|largest (?:clients|customers)|most valuable',
  ],
  ['compare', 'сравн|по сравнению|против|compare|comparison|versus|vs\\.?(?![\\p{L}])|against'],
  [
    'trend',
    'динамик|тренд|по месяцам|по неделям|по дням|помесячн|понедельн|график|как менял|рост|падени|trend|monthly|weekly|daily|by month|by week|by day|per month|per week|over time|chart|growth|how .* changed',
  ],
  [
    'summary',
    'выручк|продаж|продал|доход|оборот|заработал|покупател|средн[а-яё]* чек|заказ|новых клиент|revenue|sales|sold|income|turnover|earn|buyers|customers|average order|aov|orders|new clients',
  ],
];

const METRIC_PATTERNS: [Metric, string][] = [
  [
    'averageOrderValue',
    'средн[а-яё]* чек|средн[а-яё]* сумм[а-яё]* (?:заказа|покупки|продажи)|average order|average check|average basket|aov',
  ],
  ['newClients', 'нов[а-яё]* клиент|нов[а-яё]* покупател|new (?:clients|customers|buyers)'],
  [
    'buyers',
    'покупател|сколько клиентов|число клиентов|количество клиентов|buyers|how many (?:clients|customers)|number of (?:clients|customers)|unique customers',
  ],
  [
    'salesCount',
    'сколько продаж|количество продаж|число продаж|сколько заказов|количество заказов|число заказов|how many (?:sales|orders)|number of (?:sales|orders)|sales count|order count',
  ],
  ['revenue', 'выручк|доход|оборот|заработал|revenue|income|turnover|earn'],
];

export function understand(question: string, today: string, locale?: AssistantLocale): Understanding {
  const text = question.trim();
  const lang = locale ?? detectLocale(text);
  let intent: Intent = 'unknown';
  for (const [name, pattern] of INTENT_PATTERNS) {
    if (has(text, pattern)) {
      intent = name;
      break;
    }
  }
  const periods = findPeriods(text, today).map(({ from, to }) => ({ from, to }));
  // Two periods in one summary question are a comparison.
  if (intent === 'summary' && periods.length >= 2) intent = 'compare';
  if (intent === 'trend' && periods.length >= 2 && has(text, 'сравн|compare|vs|versus|против')) intent = 'compare';
  const metrics = METRIC_PATTERNS.filter(([, p]) => has(text, p)).map(([m]) => m);
  const number =
    /(?:топ|top)[-\s]?(\d{1,2})(?!\d)|(?<![\p{L}\d])(\d{1,2})\s+(?:лучш|крупн|клиент|покупател|товар|продукт|позици|best|top|biggest|clients|customers|products|items)/iu.exec(
      text,
    );
  const horizonMatch = /(\d{1,2})\s*(?:мес|month|недел|week)/iu.exec(text);
  const u: Understanding = {
    intent,
    locale: lang,
    today,
    periods,
    metrics,
    horizon: horizonMatch
      ? Math.min(24, Math.max(1, Number(horizonMatch[1])))
      : has(text, 'квартал|quarter')
        ? 3
        : has(text, 'полгода|half a year|six months')
          ? 6
          : has(text, 'год|year') && intent === 'forecast' && periods.length === 0
            ? 12
            : 3,
    limit:
      number && ['top_clients', 'products', 'at_risk'].includes(intent)
        ? Math.min(20, Math.max(1, Number(number[1])))
        : 5,
  };
  if (intent === 'report') {
    u.reportType = has(text, 'рекоменд|recommend|совет|advice')
      ? 'sales-recommendations'
      : has(text, 'тенденц|тренд|динамик|trend')
        ? 'sales-trends'
        : 'sales-overview';
  }
  if (intent === 'deals') u.deals = dealAsk(text, today);
  if (intent === 'task') u.task = taskAsk(text, today, lang);
  if (has(text, 'по дням|daily|by day|per day')) u.granularity = 'day';
  else if (has(text, 'по неделям|понедельн|weekly|by week|per week|недел|week')) u.granularity = 'week';
  else if (has(text, 'по месяцам|помесячн|monthly|by month|per month')) u.granularity = 'month';
  if (intent === 'offer' || intent === 'history' || intent === 'note') {
    const split = intent === 'note' ? splitNote(text) : { head: text, note: undefined };
    u.clientQuery = clientQueryOf(split.head, intent);
    u.noteText = split.note;
    if (!u.clientQuery) u.intent = 'unknown';
  }
  return u;
}

function splitNote(text: string): { head: string; note?: string } {
  const i = text.search(/[:—]/u);
  if (i < 0) return { head: text };
  const note = text
    .slice(i + 1)
    .trim()
    .replace(/^["«“]|["»”]$/gu, '');
  return { head: text.slice(0, i), note: note || undefined };
}

const CLIENT_STOP = new Set(
  (
    'что|чем|как|какие|какой|какую|мне|нам|можно|стоит|лучше|ещё|еще|предложить|порекомендовать|рекомендовать|продать|' +
    'покажи|показать|расскажи|история|историю|истории|покупок|покупки|покупок|клиента|клиенту|клиент|клиентом|покупателя|покупателю|' +
    'для|по|у|о|об|про|и|в|на|с|карточку|профиль|добавь|добавить|запиши|оставь|заметку|что|купил|покупал|' +
    'what|which|should|we|i|to|offer|recommend|sell|upsell|show|me|the|a|an|of|for|client|customer|history|purchase|purchases|' +
    'profile|add|note|leave|write|did|buy|bought|by|about|tell|please|can|you|else|could|would|to|with|cross-sell|pitch|give|summary'
  ).split('|'),
);

/** The client named in the question: a quoted name, or the words left after the intent's words. */
export function clientQueryOf(text: string, _intent: Intent): string | undefined {
  const quoted = /[«"“]([^»"”]{2,200})[»"”]/u.exec(text);
  if (quoted) return quoted[1].trim();
  const words = text
    .replace(/[?!.,;]+/gu, ' ')
    .replace(/'s(?![\p{L}])/giu, '')
    .split(/\s+/u)
    .filter(Boolean);
  const kept = words.filter((w) => !CLIENT_STOP.has(w.toLowerCase()));
  const query = kept.join(' ').trim();
  return query.length >= 2 ? query : undefined;
}

function defaultPeriod(u: Understanding): Period {
  switch (u.intent) {
    case 'trend':
      return { from: monthPeriod(Number(u.today.slice(0, 4)), Number(u.today.slice(5, 7)) - 11).from, to: u.today };
    case 'top_clients':
    case 'products':
      return { from: addDaysIso(u.today, -364), to: u.today };
    default:
      return { from: `${u.today.slice(0, 7)}-01`, to: u.today };
  }
}

function granularityFor(u: Understanding, p: Period): 'day' | 'week' | 'month' {
  if (u.granularity) return u.granularity;
  const days = Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1;
  return days <= 31 ? 'day' : days <= 120 ? 'week' : 'month';
}

const done = (prior: PriorCall[], name: string) => prior.find((c) => c.name === name);

/** The next tool calls, or null when the answer can be written. */
export function nextCalls(u: Understanding, prior: PriorCall[]): PlannedCall[] | null {
  const period = u.periods[0] ?? defaultPeriod(u);
  const once = (call: PlannedCall): PlannedCall[] | null => (done(prior, call.name) ? null : [call]);
  switch (u.intent) {
    case 'task':
    case 'stuck':
    case 'pipeline':
    case 'deals':
      return nextDealCalls(u.intent, u, prior);
    case 'summary':
      return once({ name: 'sales_summary', args: { ...period } });
    case 'trend':
      return once({ name: 'sales_timeseries', args: { ...period, granularity: granularityFor(u, period) } });
    case 'compare': {
      const second = u.periods[1] ?? previousPeriod(period);
      return once({
        name: 'compare_periods',
        args: { from: period.from, to: period.to, compareFrom: second.from, compareTo: second.to },
      });
    }
    case 'forecast':
      return once({
        name: 'revenue_forecast',
        args: { horizon: u.horizon, granularity: u.granularity === 'week' ? 'week' : 'month' },
      });
    case 'top_clients':
      return once({ name: 'top_clients', args: { ...period, limit: u.limit } });
    case 'products':
      return once({ name: 'sales_by_product', args: { ...period, limit: u.limit } });
    case 'at_risk':
      return once({ name: 'at_risk_clients', args: { limit: u.limit } });
    case 'segments':
      return once({ name: 'customer_segments', args: {} });
    case 'report': {
      // Without a period: the last full month.
      const p = u.periods[0] ?? monthPeriod(Number(u.today.slice(0, 4)), Number(u.today.slice(5, 7)) - 1);
      return once({ name: 'build_report', args: { type: u.reportType ?? 'sales-overview', from: p.from, to: p.to } });
    }
    case 'offer':
    case 'history':
    case 'note': {
      const search = done(prior, 'find_clients');
      if (!search) return [{ name: 'find_clients', args: { query: u.clientQuery ?? '', limit: 3 } }];
      const found = (search.data?.['items'] as { clientId: string }[] | undefined) ?? [];
      if (search.outcome !== 'ok' || !found.length) return null;
      const clientId = found[0].clientId;
      if (u.intent === 'offer') return once({ name: 'product_recommendations', args: { clientId } });
      if (u.intent === 'history') return once({ name: 'client_profile', args: { clientId } });
      if (!u.noteText) return null;
      return once({ name: 'propose_note', args: { clientId, text: u.noteText } });
    }
    default:
      return null;
  }
}

/** Suggested questions in the user's language. */
export function suggestions(locale: AssistantLocale): string[] {
  return locale === 'ru'
    ? [
        'Какая выручка в прошлом месяце?',
        'Покажи динамику продаж по месяцам за этот год',
        'Сравни этот квартал с прошлым',
        'Прогноз выручки на 3 месяца',
        'Кто из клиентов под риском ухода?',
        'Топ-5 клиентов за этот год',
        'Какие товары продаются лучше всего?',
        'Сделай отчёт по продажам за прошлый месяц',
        'Какие сделки зависли?',
        'Сводка по воронке',
      ]
    : [
        'What was the revenue last month?',
        'Show the monthly sales trend for this year',
        'Compare this quarter with the last one',
        'Forecast revenue for the next 3 months',
        'Which clients are at risk of leaving?',
        'Top 5 clients this year',
        'What are the best-selling products?',
        'Build a sales report for last month',
        'Which deals are stuck?',
        'Pipeline summary',
      ];
}

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The answer from the results, in the user's language. */
export function render(u: Understanding, prior: PriorCall[]): string {
  const l = u.locale;
  const ru = l === 'ru';
  const T = (r: string, e: string) => (ru ? r : e);
  const failed = prior.find((c) => c.outcome === 'error');
  if (u.intent === 'unknown') {
    return (
      T(
        'Без подключённой языковой модели я отвечаю на типовые вопросы о продажах, а этот вопрос разобрать не могу. Спросите, например: «',
        'Without a language model configured I answer the common sales questions, and I cannot work this one out offline. Try, for example: "',
      ) +
      suggestions(l)
        .slice(0, 3)
        .join(ru ? '», «' : '", "') +
      T('».', '".')
    );
  }
  if (u.intent === 'task' || u.intent === 'stuck' || u.intent === 'pipeline' || u.intent === 'deals')
    return renderDeals(u.intent, u, prior);
  if (failed && !failed.data) {
    if (failed.name === 'find_clients' || failed.error?.startsWith('Not found'))
      return T(
        `Клиента «${u.clientQuery}» в этой компании не нашёл.`,
        `I could not find the client "${u.clientQuery}" in this company.`,
      );
    return T(`Не получилось получить данные: ${failed.error}`, `I could not get the data: ${failed.error}`);
  }
  const search = done(prior, 'find_clients');
  if (search && !((search.data?.['items'] as unknown[]) ?? []).length) {
    return T(
      `Клиента «${u.clientQuery}» в этой компании не нашёл.`,
      `I could not find the client "${u.clientQuery}" in this company.`,
    );
  }
  const last = prior[prior.length - 1];
  const d: Data = last?.data ?? {};
  const money = (v: string | null, c = d['currency'] as string) => formatMoney(v, c, l);
  const num = (v: number) => formatNumber(v, l);
  const pct = (v: number | null) => formatPercent(v, l, true);
  const period = (x: { from: string; to: string }) => formatPeriod(x.from, x.to, l);
  switch (last?.name) {
    case 'sales_summary': {
      const p = period(d as never);
      const facts: Record<Metric, string> = {
        revenue: T(`выручка — ${money(d['revenue'])}`, `revenue was ${money(d['revenue'])}`),
        salesCount: T(`продаж — ${num(d['salesCount'])}`, `${num(d['salesCount'])} sales`),
        buyers: T(`покупателей — ${num(d['buyers'])}`, `${num(d['buyers'])} buyers`),
        averageOrderValue: T(
          `средний чек — ${money(d['averageOrderValue'])}`,
          `average order value ${money(d['averageOrderValue'])}`,
        ),
        newClients: T(`новых клиентов — ${num(d['newClients'])}`, `${num(d['newClients'])} new clients`),
      };
      const asked = u.metrics.length
        ? u.metrics
        : (['revenue', 'salesCount', 'buyers', 'averageOrderValue'] as Metric[]);
      const rest = (['revenue', 'salesCount', 'buyers', 'averageOrderValue'] as Metric[]).filter(
        (m) => !asked.includes(m),
      );
      const head = `${T('За', 'For')} ${p}: ${asked.map((m) => facts[m]).join(', ')}.`;
      const more = rest.length ? ` ${T('Также', 'Also')}: ${rest.map((m) => facts[m]).join(', ')}.` : '';
      const prev = d['previous'];
      const change = d['change']?.revenue;
      const vs =
        change === null || change === undefined
          ? ''
          : ` ${T('Выручка к предыдущему периоду', 'Revenue against the previous period')} (${period(prev)}, ${money(prev.revenue)}): ${pct(change)}.`;
      const returns = d['returns']?.count
        ? ` ${T(`Возвратов: ${num(d['returns'].count)} на ${money(d['returns'].amount)}.`, `Returns: ${num(d['returns'].count)} for ${money(d['returns'].amount)}.`)}`
        : '';
      return head + more + vs + returns;
    }
    case 'sales_timeseries': {
      const points = d['points'] as { period: string; revenue: string; salesCount: number }[];
      if (!points.length) return T('В этом периоде нет данных.', 'There is no data in this period.');
      const total = points.reduce((s, p) => s + Number(p.revenue), 0);
      const best = points.reduce((a, b) => (Number(b.revenue) > Number(a.revenue) ? b : a));
      const worst = points.reduce((a, b) => (Number(b.revenue) < Number(a.revenue) ? b : a));
      const first = Number(points[0].revenue);
      const lastValue = Number(points[points.length - 1].revenue);
      const direction =
        lastValue > first
          ? T('выросла', 'grew')
          : lastValue < first
            ? T('снизилась', 'fell')
            : T('не изменилась', 'did not change');
      const label = (x: string) =>
        d['granularity'] === 'month'
          ? formatPeriod(x, monthPeriod(+x.slice(0, 4), +x.slice(5, 7)).to, l)
          : formatDate(x, l);
      return T(
        `Выручка за ${period(d as never)}: всего ${money(total.toFixed(2))}. Лучший период — ${label(best.period)} (${money(best.revenue)}), слабейший — ${label(worst.period)} (${money(worst.revenue)}). С начала до конца периода выручка ${direction}: ${money(points[0].revenue)} → ${money(points[points.length - 1].revenue)}.`,
        `Revenue for ${period(d as never)}: ${money(total.toFixed(2))} in total. Best period: ${label(best.period)} (${money(best.revenue)}), weakest: ${label(worst.period)} (${money(worst.revenue)}). From the first to the last period revenue ${direction}: ${money(points[0].revenue)} → ${money(points[points.length - 1].revenue)}.`,
      );
    }
    case 'compare_periods': {
      const a = d['first'];
      const b = d['second'];
      const c = d['change'];
      return T(
        `${period(a)} против ${period(b)}: выручка ${money(a.revenue)} против ${money(b.revenue)} (${pct(c.revenue)}), продаж ${num(a.salesCount)} против ${num(b.salesCount)} (${pct(c.salesCount)}), покупателей ${num(a.buyers)} против ${num(b.buyers)}, средний чек ${money(a.averageOrderValue)} против ${money(b.averageOrderValue)}.`,
        `${period(a)} vs ${period(b)}: revenue ${money(a.revenue)} vs ${money(b.revenue)} (${pct(c.revenue)}), ${num(a.salesCount)} vs ${num(b.salesCount)} sales (${pct(c.salesCount)}), ${num(a.buyers)} vs ${num(b.buyers)} buyers, average order ${money(a.averageOrderValue)} vs ${money(b.averageOrderValue)}.`,
      );
    }
    case 'revenue_forecast': {
      const pts = d['points'] as { period: string; revenue: string; lower80: string; upper80: string }[];
      const g = d['granularity'];
      const name = (x: string) =>
        g === 'month' ? formatPeriod(x, monthPeriod(+x.slice(0, 4), +x.slice(5, 7)).to, l) : formatDate(x, l);
      const lines = pts.map(
        (p) => `${name(p.period)} — ${money(p.revenue)} (80 %: ${money(p.lower80)}…${money(p.upper80)})`,
      );
      const total = pts.reduce((s, p) => s + Number(p.revenue), 0);
      return T(
        `Прогноз выручки (модель ${d['model']}): ${lines.join('; ')}. Всего за ${pts.length} ${g === 'week' ? 'нед.' : 'мес.'}: ${money(total.toFixed(2))}.`,
        `Revenue forecast (model ${d['model']}): ${lines.join('; ')}. Total for ${pts.length} ${g === 'week' ? 'weeks' : 'months'}: ${money(total.toFixed(2))}.`,
      );
    }
    case 'top_clients': {
      const items = d['items'] as { name: string | null; revenue: string; salesCount: number }[];
      if (!items.length)
        return T(`За ${period(d as never)} покупок не было.`, `There were no purchases in ${period(d as never)}.`);
      const list = items.map(
        (c, i) => `${i + 1}. ${c.name ?? '–'} — ${money(c.revenue)} (${num(c.salesCount)} ${T('прод.', 'sales')})`,
      );
      return `${T('Лучшие клиенты за', 'Top clients for')} ${period(d as never)}: ${list.join('; ')}.`;
    }
    case 'sales_by_product': {
      const items = d['items'] as { name: string; revenue: string; quantity: number; salesCount: number }[];
      if (!items.length)
        return T(`За ${period(d as never)} продаж товаров не было.`, `No products were sold in ${period(d as never)}.`);
      const list = items.map(
        (p, i) =>
          `${i + 1}. ${p.name} — ${money(p.revenue)} (${formatNumber(p.quantity, l, Number.isInteger(p.quantity) ? 0 : 2)} ${T('шт.', 'units')}, ${num(p.salesCount)} ${T('прод.', 'sales')})`,
      );
      return `${T('Лучшие товары за', 'Best products for')} ${period(d as never)}: ${list.join('; ')}.`;
    }
    case 'at_risk_clients': {
      const items = d['items'] as { name: string | null; purchases: number; lastPurchase: string; segment: string }[];
      if (!items.length)
        return T('Клиентов под риском ухода сейчас нет.', 'No clients are at risk of leaving right now.');
      const list = items.map(
        (c) =>
          `${c.name ?? '–'} (${num(c.purchases)} ${T('покуп.', 'purchases')}, ${T('последняя', 'last')} ${formatDate(c.lastPurchase, l)})`,
      );
      return T(
        `Под риском ухода ${num(d['total'])} клиентов. В первую очередь: ${list.join('; ')}. Стоит связаться с ними и предложить повод вернуться.`,
        `${num(d['total'])} clients are at risk of leaving. First of all: ${list.join('; ')}. Reach out to them with a reason to come back.`,
      );
    }
    case 'customer_segments': {
      const items = d['items'] as { segment: string; clients: number; revenue: string }[];
      const list = items
        .filter((s) => s.clients > 0)
        .map((s) => `${segmentName(s.segment, l)} — ${num(s.clients)} (${money(s.revenue)})`);
      return `${T('Сегменты клиентов', 'Customer segments')} (${num(d['totalClients'])}): ${list.join('; ')}.`;
    }
    case 'product_recommendations': {
      const items = d['items'] as { name: string; confidence: number; lift: number; because: string[] }[];
      if (!items.length)
        return T(
          `Для клиента ${d['name']} правил совместных покупок не нашлось: по его покупкам нечего уверенно предложить.`,
          `No co-purchase rule fits ${d['name']}: nothing can be offered with confidence from their purchases.`,
        );
      const list = items.map(
        (r) =>
          `${r.name} (${T('уверенность', 'confidence')} ${formatPercent(r.confidence, l)}, ${T('лифт', 'lift')} ${formatNumber(r.lift, l, 1)}; ${T('берут вместе с', 'bought with')} ${r.because.join(', ')})`,
      );
      return `${T(`Клиенту ${d['name']} стоит предложить`, `Offer ${d['name']}`)}: ${list.join('; ')}.`;
    }
    case 'client_profile': {
      const c = d['client'];
      const sales = d['latestSales'] as {
        soldAt: string;
        amount: string;
        currency: string;
        items: string[];
        status: string;
      }[];
      const list = sales
        .slice(0, 5)
        .map(
          (s) =>
            `${formatDate(s.soldAt, l)} — ${formatMoney(s.amount, s.currency, l)}${s.items.length ? ` (${s.items.join(', ')})` : ''}`,
        );
      const notes = (d['notes'] as unknown[]).length;
      return T(
        `${c.name ?? c.email}: ${num(d['salesTotal'])} покупок в истории.${list.length ? ` Последние: ${list.join('; ')}.` : ''}${notes ? ` Заметок: ${notes}.` : ''}`,
        `${c.name ?? c.email}: ${num(d['salesTotal'])} purchases in the history.${list.length ? ` Latest: ${list.join('; ')}.` : ''}${notes ? ` Notes: ${notes}.` : ''}`,
      );
    }
    case 'build_report': {
      const r = d['report'] as { title: string };
      return T(
        `Предлагаю построить отчёт «${r.title}». Подтвердите, и он появится в разделе «Отчёты».`,
        `I propose building the report "${r.title}". Confirm it and it will appear under Reports.`,
      );
    }
    case 'propose_note':
      return T(
        `Предлагаю добавить клиенту ${d['client']} заметку: «${u.noteText}». Подтвердите или отмените.`,
        `I propose adding a note to ${d['client']}: "${u.noteText}". Confirm or cancel it.`,
      );
    default:
      return T('Не нашёл данных для ответа.', 'I found no data to answer with.');
  }
}

const SEGMENT_NAMES: Record<string, [string, string]> = {
  champions: ['чемпионы', 'champions'],
  loyal: ['лояльные', 'loyal'],
  potential_loyalists: ['потенциально лояльные', 'potential loyalists'],
  new: ['новые', 'new'],
  at_risk: ['под риском', 'at risk'],
  cannot_lose: ['нельзя потерять', 'cannot lose'],
  hibernating: ['спящие', 'hibernating'],
  lost: ['потерянные', 'lost'],
};

export function segmentName(segment: string, locale: AssistantLocale): string {
  const names = SEGMENT_NAMES[segment];
  return names ? names[locale === 'ru' ? 0 : 1] : segment;
}
