/**
 * The evaluation set: questions in Russian and English with varied wording, each with a check whose
 * expected figures are computed here from the seeded rows (or, for the models' outputs — forecast,
 * segments, outlook — read from the analytics API), never typed in. Money is formatted here
 * independently of the API's formatter: `1 234,50 ₽` (ru) and `₽1,234.50` (en), compared with all
 * whitespace removed.
 */
import { CLIENTS, DEALS, PRODUCTS, type SeededDeal, type SeedSale } from './seed';

export type Locale = 'ru' | 'en';

export interface ChatBody {
  answer: string;
  mode: string;
  toolCalls: { name: string; args: Record<string, unknown>; outcome: string }[];
  records: { kind: string; id: string; label: string }[];
  charts: { points: { period: string; value: string }[] }[];
  tables?: {
    title: string;
    columns: string[];
    rows: { cells: string[]; link?: { kind: string; id: string } | null }[];
  }[];
  actions?: { id: string; kind: string; clientId: string | null; status: string; payload: Record<string, unknown> }[];
}

export interface EvalContext {
  today: string;
  sales: SeedSale[];
  clientIds: Map<string, string>;
  /** Forecast points' revenue for horizon 3 and 6 (analytics API). */
  forecast: Record<number, string[]>;
  segmentsTotal: number;
  /** Names of the clients the analytics API puts in at_risk, cannot_lose or hibernating. */
  atRisk: Set<string>;
  /** Recommended product names per client externalId (analytics API outlook). */
  recommended: Map<string, string[]>;
  /** The seeded deals, with their stage, probability and days in the stage. */
  deals: SeededDeal[];
}

/** Open deals in their stage longer than the median of the stage's finished stays (from the seed's history). */
export function stuckDeals(deals: SeededDeal[]): SeededDeal[] {
  const stays = new Map<string, number[]>();
  // Every seeded move leaves the first stage, «Новая».
  for (const d of DEALS) if (d.moved !== null) stays.set('Новая', [...(stays.get('Новая') ?? []), d.created - d.moved]);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  return deals
    .filter((d) => d.status === 'open' && stays.has(d.stage) && d.daysInStage > median(stays.get(d.stage)!))
    .sort((a, b) => b.daysInStage - a.daysInStage);
}

export interface EvalCase {
  q: string;
  tool: string | null;
  /** null = correct; otherwise why not. */
  check(body: ChatBody): string | null;
}

const squeeze = (s: string) => s.replace(/[\s\u00a0\u202f]/gu, '');

function group(digits: string, sep: string, min: number): string {
  if (digits.length < min) return digits;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Independent money formatter (cents → text). */
export function money(cents: number, locale: Locale): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100));
  const frac = String(abs % 100).padStart(2, '0');
  return locale === 'ru' ? `${sign}${group(whole, ' ', 5)},${frac} ₽` : `${sign}₽${group(whole, ',', 4)}.${frac}`;
}

export const moneyOfString = (amount: string, locale: Locale) => money(Math.round(Number(amount) * 100), locale);
export const count = (n: number, locale: Locale) =>
  locale === 'ru' ? group(String(n), ' ', 5) : group(String(n), ',', 4);

interface Period {
  from: string;
  to: string;
}
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const year = (y: number): Period => ({ from: `${y}-01-01`, to: `${y}-12-31` });
export const months = (y: number, a: number, b: number): Period => ({
  from: `${y}-${pad(a)}-01`,
  to: `${y}-${pad(b)}-${lastDay(y, b)}`,
});
export const quarter = (y: number, q: number) => months(y, 3 * q - 2, 3 * q);
function shiftMonth(y: number, m: number, by: number): [number, number] {
  const t = y * 12 + (m - 1) + by;
  return [Math.floor(t / 12), (t % 12) + 1];
}

export interface Totals {
  cents: number;
  count: number;
  buyers: number;
  aovCents: number;
}

export function totals(sales: SeedSale[], p: Period): Totals {
  const paid = sales.filter((s) => s.status === 'paid' && s.day >= p.from && s.day <= p.to);
  const cents = paid.reduce((s, x) => s + x.cents, 0);
  return {
    cents,
    count: paid.length,
    buyers: new Set(paid.map((s) => s.clientExternalId)).size,
    aovCents: paid.length ? Math.round(cents / paid.length) : 0,
  };
}

function topClients(sales: SeedSale[], p: Period, n: number): { name: string; cents: number }[] {
  const by = new Map<string, number>();
  for (const s of sales)
    if (s.status === 'paid' && s.day >= p.from && s.day <= p.to)
      by.set(s.clientExternalId, (by.get(s.clientExternalId) ?? 0) + s.cents);
  return [...by.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([id, cents]) => ({ name: CLIENTS.find((c) => c.externalId === id)!.name, cents }));
}

function topProducts(sales: SeedSale[], p: Period, n: number): { name: string; cents: number }[] {
  const by = new Map<string, number>();
  for (const s of sales) {
    if (s.status !== 'paid' || s.day < p.from || s.day > p.to) continue;
    for (const i of s.items) by.set(i.sku, (by.get(i.sku) ?? 0) + i.quantity * Math.round(Number(i.unitPrice) * 100));
  }
  return [...by.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([sku, cents]) => ({ name: PRODUCTS.find((x) => x.sku === sku)!.name, cents }));
}

function monthly(sales: SeedSale[], p: Period): number[] {
  const [fy, fm] = p.from.split('-').map(Number);
  const [ty, tm] = p.to.split('-').map(Number);
  const out: number[] = [];
  for (let [y, m] = [fy, fm]; y * 12 + m <= ty * 12 + tm; [y, m] = shiftMonth(y, m, 1)) {
    out.push(totals(sales, months(y, m, m)).cents);
  }
  return out;
}

const contains = (answer: string, expected: string, what: string): string | null =>
  squeeze(answer).includes(squeeze(expected)) ? null : `${what}: expected "${expected}" in "${answer}"`;

const all = (...checks: (string | null)[]) => checks.find((c) => c !== null) ?? null;

const tool = (body: ChatBody, name: string, args?: Record<string, unknown>): string | null => {
  const call = body.toolCalls.find((c) => c.name === name);
  if (!call) return `expected a ${name} call, got ${body.toolCalls.map((c) => c.name).join(', ') || 'none'}`;
  if (call.outcome !== 'ok') return `${name} failed`;
  for (const [k, v] of Object.entries(args ?? {})) {
    if (call.args[k] !== v) return `${name}.${k}: expected ${String(v)}, got ${String(call.args[k])}`;
  }
  return null;
};

export function evaluationSet(ctx: EvalContext): EvalCase[] {
  const [ty, tm] = ctx.today.split('-').map(Number);
  const [ly, lm] = shiftMonth(ty, tm, -1);
  const lastMonth = months(ly, lm, lm);
  const [pmy, pmm] = shiftMonth(ty, tm, -2);
  const monthBefore = months(pmy, pmm, pmm);
  const cq = Math.floor((tm - 1) / 3) + 1;
  const lastQuarter = cq === 1 ? quarter(ty - 1, 4) : quarter(ty, cq - 1);
  const lastYear = year(ty - 1);
  const S = ctx.sales;

  const summary = (q: string, p: Period, metric: 'revenue' | 'count' | 'buyers' | 'aov', locale: Locale): EvalCase => ({
    q,
    tool: 'sales_summary',
    check: (b) => {
      const t = totals(S, p);
      const value =
        metric === 'revenue'
          ? money(t.cents, locale)
          : metric === 'count'
            ? count(t.count, locale)
            : metric === 'buyers'
              ? count(t.buyers, locale)
              : money(t.aovCents, locale);
      return all(tool(b, 'sales_summary', { from: p.from, to: p.to }), contains(b.answer, value, metric));
    },
  });
  const compare = (q: string, a: Period, c: Period, locale: Locale): EvalCase => ({
    q,
    tool: 'compare_periods',
    check: (b) =>
      all(
        tool(b, 'compare_periods', { from: a.from, to: a.to, compareFrom: c.from, compareTo: c.to }),
        contains(b.answer, money(totals(S, a).cents, locale), 'first revenue'),
        contains(b.answer, money(totals(S, c).cents, locale), 'second revenue'),
      ),
  });
  const trend = (q: string, p: Period, granularity: string, locale: Locale): EvalCase => ({
    q,
    tool: 'sales_timeseries',
    check: (b) => {
      const total = totals(S, p).cents;
      const chart = b.charts[0];
      const chartTotal = chart ? chart.points.reduce((s, x) => s + Math.round(Number(x.value) * 100), 0) : -1;
      const best = granularity === 'month' ? Math.max(...monthly(S, p)) : null;
      return all(
        tool(b, 'sales_timeseries', { from: p.from, to: p.to, granularity }),
        contains(b.answer, money(total, locale), 'total'),
        best === null ? null : contains(b.answer, money(best, locale), 'best month'),
        chartTotal === total ? null : `chart sums to ${chartTotal}, expected ${total}`,
      );
    },
  });
  const forecast = (q: string, horizon: number, locale: Locale): EvalCase => ({
    q,
    tool: 'revenue_forecast',
    check: (b) =>
      all(
        tool(b, 'revenue_forecast', { horizon }),
        ...ctx.forecast[horizon].map((r, i) => contains(b.answer, moneyOfString(r, locale), `forecast point ${i + 1}`)),
      ),
  });
  const top = (q: string, p: Period, n: number, locale: Locale): EvalCase => ({
    q,
    tool: 'top_clients',
    check: (b) => {
      const expected = topClients(S, p, n);
      const order = expected.map((c) => squeeze(b.answer).indexOf(squeeze(c.name)));
      return all(
        tool(b, 'top_clients', { from: p.from, to: p.to, limit: n }),
        ...expected.map((c) => contains(b.answer, `${c.name} — ${money(c.cents, locale)}`, 'client revenue')),
        order.every((x, i) => i === 0 || x > order[i - 1]) ? null : 'clients out of order',
        b.records.filter((r) => r.kind === 'client').length === n ? null : 'client records missing',
      );
    },
  });
  const products = (q: string, p: Period, n: number, locale: Locale): EvalCase => ({
    q,
    tool: 'sales_by_product',
    check: (b) => {
      const expected = topProducts(S, p, n);
      return all(
        tool(b, 'sales_by_product', { from: p.from, to: p.to }),
        ...expected.map((x) => contains(b.answer, `${x.name} — ${money(x.cents, locale)}`, 'product revenue')),
      );
    },
  });
  const atRisk = (q: string, locale: Locale): EvalCase => ({
    q,
    tool: 'at_risk_clients',
    check: (b) => {
      const named = b.records.filter((r) => r.kind === 'client').map((r) => r.label);
      return all(
        tool(b, 'at_risk_clients'),
        contains(b.answer, count(ctx.atRisk.size, locale), 'at-risk count'),
        named.length === Math.min(5, ctx.atRisk.size)
          ? null
          : `expected ${Math.min(5, ctx.atRisk.size)} clients, got ${named.length}`,
        named.every((n) => ctx.atRisk.has(n))
          ? null
          : `not at risk: ${named.filter((n) => !ctx.atRisk.has(n)).join(', ')}`,
      );
    },
  });
  const offer = (q: string, externalId: string): EvalCase => ({
    q,
    tool: 'product_recommendations',
    check: (b) => {
      const names = ctx.recommended.get(externalId) ?? [];
      return all(
        tool(b, 'product_recommendations', { clientId: ctx.clientIds.get(externalId) }),
        names.length ? null : 'the seed gives this client no recommendation',
        ...names.map((n) => contains(b.answer, n, 'recommended product')),
      );
    },
  });
  const history = (q: string, externalId: string, locale: Locale): EvalCase => ({
    q,
    tool: 'client_profile',
    check: (b) => {
      const mine = S.filter((s) => s.clientExternalId === externalId).sort((x, y) => y.day.localeCompare(x.day));
      return all(
        tool(b, 'client_profile', { clientId: ctx.clientIds.get(externalId) }),
        contains(b.answer, `${count(mine.length, locale)} ${locale === 'ru' ? 'покупок' : 'purchases'}`, 'purchases'),
        contains(b.answer, money(mine[0].cents, locale), 'latest purchase'),
        b.records.some((r) => r.kind === 'client' && r.id === ctx.clientIds.get(externalId))
          ? null
          : 'client not cited',
      );
    },
  });
  const segments = (q: string, locale: Locale): EvalCase => ({
    q,
    tool: 'customer_segments',
    check: (b) =>
      all(tool(b, 'customer_segments'), contains(b.answer, `(${count(ctx.segmentsTotal, locale)})`, 'clients')),
  });
  const dealTitlesIn = (b: ChatBody, expected: SeededDeal[], others: SeededDeal[]) =>
    all(
      ...expected.map((d) => contains(b.answer, d.title, 'deal')),
      ...others.map((d) => (squeeze(b.answer).includes(squeeze(d.title)) ? `unexpected deal ${d.title}` : null)),
      JSON.stringify(
        b.records
          .filter((r) => r.kind === 'deal')
          .map((r) => r.id)
          .sort(),
      ) === JSON.stringify(expected.map((d) => d.id).sort())
        ? null
        : 'deal records differ',
    );
  const stuck = (q: string, locale: Locale): EvalCase => ({
    q,
    tool: 'stuck_deals',
    check: (b) => {
      const expected = stuckDeals(ctx.deals);
      const order = expected.map((d) => squeeze(b.answer).indexOf(squeeze(d.title)));
      return all(
        tool(b, 'stuck_deals'),
        expected.length ? null : 'the seed has no stuck deal',
        contains(
          b.answer,
          `${locale === 'ru' ? 'Зависших сделок' : 'Stuck deals'}: ${count(expected.length, locale)}`,
          'count',
        ),
        dealTitlesIn(
          b,
          expected,
          ctx.deals.filter((d) => !expected.includes(d)),
        ),
        order.every((x, i) => i === 0 || x > order[i - 1]) ? null : 'stuck deals out of order',
        b.tables?.[0]?.rows.every((r) => r.link?.kind === 'deal') ? null : 'no linked deal table',
      );
    },
  });
  const pipeline = (q: string, locale: Locale): EvalCase => ({
    q,
    tool: 'pipeline_summary',
    check: (b) => {
      const open = ctx.deals.filter((d) => d.status === 'open');
      const cents = (a: string) => Math.round(Number(a) * 100);
      const total = open.reduce((s, d) => s + cents(d.amount), 0);
      const weighted = Math.round(open.reduce((s, d) => s + cents(d.amount) * d.probability, 0) / 100);
      return all(
        tool(b, 'pipeline_summary'),
        contains(b.answer, `${count(open.length, locale)}`, 'open deals'),
        contains(b.answer, money(total, locale), 'pipeline value'),
        contains(b.answer, money(weighted, locale), 'weighted value'),
        contains(b.answer, locale === 'ru' ? '0 %' : '0%', 'win rate (one deal lost, none won)'),
        (b.tables?.length ?? 0) >= 2 ? null : 'summary tables missing',
      );
    },
  });
  const findDeals = (q: string, client: string | null, status: string, locale: Locale): EvalCase => ({
    q,
    tool: 'find_deals',
    check: (b) => {
      const expected = ctx.deals
        .filter((d) => d.status === status && (client === null || d.clientExternalId === client))
        .sort((x, y) => Number(y.amount) - Number(x.amount));
      return all(
        tool(b, 'find_deals', { status }),
        expected.length ? null : 'the seed has no such deal',
        ...expected.map((d) => contains(b.answer, `${d.title} — ${moneyOfString(d.amount, locale)}`, 'deal amount')),
        dealTitlesIn(
          b,
          expected,
          ctx.deals.filter((d) => !expected.includes(d)),
        ),
      );
    },
  });
  const task = (q: string, client: string, type: string): EvalCase => ({
    q,
    tool: 'propose_task',
    check: (b) => {
      const [y, m, d] = ctx.today.split('-').map(Number);
      const tomorrow = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
      const action = b.actions?.[0];
      return all(
        tool(b, 'propose_task', { clientId: ctx.clientIds.get(client), type, due: tomorrow }),
        action?.kind === 'create_task' && action.status === 'proposed' && action.clientId === ctx.clientIds.get(client)
          ? null
          : `expected a proposed task for ${client}, got ${JSON.stringify(action)}`,
        action?.payload['dueAt'] === `${tomorrow}T10:00:00.000Z` ? null : `due ${String(action?.payload['dueAt'])}`,
        contains(b.answer, CLIENTS.find((c) => c.externalId === client)!.name, 'client named'),
      );
    },
  });
  const offline = (q: string, locale: Locale): EvalCase => ({
    q,
    tool: null,
    check: (b) =>
      all(
        b.toolCalls.length === 0 ? null : 'no tool should run',
        contains(b.answer, locale === 'ru' ? 'не могу' : 'cannot', 'an honest refusal'),
      ),
  });

  return [
    summary('Какая выручка за 2024 год?', year(2024), 'revenue', 'ru'),
    summary('What was the revenue in 2024?', year(2024), 'revenue', 'en'),
    summary('Сколько мы заработали в 2025 году?', year(2025), 'revenue', 'ru'),
    summary('Revenue for 2025?', year(2025), 'revenue', 'en'),
    summary('Выручка в 3 квартале 2025', quarter(2025, 3), 'revenue', 'ru'),
    summary('What was revenue in Q3 2025?', quarter(2025, 3), 'revenue', 'en'),
    summary('Какая выручка во втором квартале 2024 года?', quarter(2024, 2), 'revenue', 'ru'),
    summary('Revenue in Q1 2025', quarter(2025, 1), 'revenue', 'en'),
    summary('Выручка с марта по май 2025', months(2025, 3, 5), 'revenue', 'ru'),
    summary('Revenue from March to May 2025', months(2025, 3, 5), 'revenue', 'en'),
    summary('Какая выручка в марте 2025?', months(2025, 3, 3), 'revenue', 'ru'),
    summary('How much revenue did we make in June 2024?', months(2024, 6, 6), 'revenue', 'en'),
    summary('Выручка в прошлом месяце', lastMonth, 'revenue', 'ru'),
    summary('Revenue last month', lastMonth, 'revenue', 'en'),
    summary('Какая выручка в прошлом квартале?', lastQuarter, 'revenue', 'ru'),
    summary('What was the revenue last quarter?', lastQuarter, 'revenue', 'en'),
    summary('Выручка за прошлый год', lastYear, 'revenue', 'ru'),
    summary('Revenue last year', lastYear, 'revenue', 'en'),
    summary('Сколько продаж было в 2024 году?', year(2024), 'count', 'ru'),
    summary('How many sales were there in Q3 2025?', quarter(2025, 3), 'count', 'en'),
    summary('Сколько покупателей было в 2025 году?', year(2025), 'buyers', 'ru'),
    summary('How many buyers did we have in 2024?', year(2024), 'buyers', 'en'),
    summary('Какой средний чек за 2024 год?', year(2024), 'aov', 'ru'),
    summary('What was the average order value in Q2 2025?', quarter(2025, 2), 'aov', 'en'),
    summary('Средний чек в прошлом квартале', lastQuarter, 'aov', 'ru'),
    summary('AOV last year', lastYear, 'aov', 'en'),
    compare('Сравни 2025 и 2024', year(2025), year(2024), 'ru'),
    compare('Compare Q3 2025 with Q2 2025', quarter(2025, 3), quarter(2025, 2), 'en'),
    compare('Сравни выручку в 1 квартале 2025 и 1 квартале 2024', quarter(2025, 1), quarter(2024, 1), 'ru'),
    compare('2025 vs 2024 revenue', year(2025), year(2024), 'en'),
    compare('Как изменилась выручка в 2025 году по сравнению с 2024?', year(2025), year(2024), 'ru'),
    compare('Compare last month with the month before', lastMonth, monthBefore, 'en'),
    trend('Покажи динамику выручки по месяцам за 2024 год', year(2024), 'month', 'ru'),
    trend('Show the monthly revenue trend for 2025', year(2025), 'month', 'en'),
    trend('Тренд продаж за 2025 год', year(2025), 'month', 'ru'),
    trend('How did revenue change over time in 2024?', year(2024), 'month', 'en'),
    trend('Динамика выручки по неделям за 3 квартал 2025', quarter(2025, 3), 'week', 'ru'),
    trend('Weekly sales trend for Q2 2025', quarter(2025, 2), 'week', 'en'),
    forecast('Прогноз выручки на 3 месяца', 3, 'ru'),
    forecast('Forecast revenue for the next 3 months', 3, 'en'),
    forecast('Какая выручка ожидается в следующие 6 месяцев? Дай прогноз', 6, 'ru'),
    forecast('Predict revenue for the next 6 months', 6, 'en'),
    top('Топ-5 клиентов за 2024 год', year(2024), 5, 'ru'),
    top('Who were the top 3 clients in 2025?', year(2025), 3, 'en'),
    top('Лучшие клиенты в прошлом году', lastYear, 5, 'ru'),
    top('Best customers in Q3 2025', quarter(2025, 3), 5, 'en'),
    atRisk('Какие клиенты под риском ухода?', 'ru'),
    atRisk('Which clients are at risk of churning?', 'en'),
    atRisk('Кого из клиентов мы теряем?', 'ru'),
    atRisk('Show customers who stopped buying', 'en'),
    offer('Что предложить клиенту Анна Смирнова?', 'C-01'),
    offer('Что можно предложить Анне Смирновой?', 'C-01'),
    offer('What should we offer John Carter?', 'C-06'),
    offer('Recommend products for «John Carter»', 'C-06'),
    history('Покажи историю покупок клиента Ольга Кузнецова', 'C-03', 'ru'),
    history('Show the purchase history of Mary Lee', 'C-07', 'en'),
    history('История покупок Бориса Иванова', 'C-02', 'ru'),
    history('What did Peter Brown buy?', 'C-08', 'en'),
    products('Какие товары продавались лучше всего в 2024 году?', year(2024), 5, 'ru'),
    products('What were the best-selling products in 2025?', year(2025), 5, 'en'),
    products('Топ товаров за 3 квартал 2025', quarter(2025, 3), 5, 'ru'),
    products('Top products last year', lastYear, 5, 'en'),
    segments('Покажи сегменты клиентов', 'ru'),
    segments('Customer segments', 'en'),
    stuck('Какие сделки зависли?', 'ru'),
    stuck('Which deals are stuck?', 'en'),
    stuck('Покажи сделки, которые застряли на этапе', 'ru'),
    stuck('Show stalled deals', 'en'),
    pipeline('Сводка по воронке', 'ru'),
    pipeline('Pipeline summary', 'en'),
    pipeline('Какая взвешенная сумма сделок в воронке?', 'ru'),
    findDeals('Открытые сделки клиента Борис Иванов', 'C-02', 'open', 'ru'),
    findDeals('Show open deals of John Carter', 'C-06', 'open', 'en'),
    findDeals('Проигранные сделки', null, 'lost', 'ru'),
    task('Поставь задачу позвонить клиенту Борис Иванов завтра', 'C-02', 'call'),
    task('Create a task to call John Carter tomorrow', 'C-06', 'call'),
    offline('Какая погода в Москве?', 'ru'),
    offline('Write me a poem', 'en'),
  ];
}
