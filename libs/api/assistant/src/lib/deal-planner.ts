/**
 * The offline planner's deals part: which deals are stuck, the pipeline summary, finding deals by
 * status, client, amount and close window, and proposing a task («поставь задачу позвонить клиенту
 * X завтра»), in Russian and English.
 */
import type { AssistantLocale } from '@crm/shared/contracts';
import { formatDate, formatDays, formatMoney, formatNumber, formatPercent, formatPeriod } from './format';
import { addDaysIso, findPeriods } from './period';

export type DealIntent = 'task' | 'stuck' | 'pipeline' | 'deals';

/** Intents in the order they are tried, before the sales intents (a task and stuck deals first). */
export const DEAL_INTENT_PATTERNS: [DealIntent, string][] = [
  [
    'task',
    'постав[а-яё]* задач|созда[а-яё]* задач|добав[а-яё]* задач|завед[а-яё]* задач|запланир|напомн[а-яё]* (?:мне )?(?:позвон|написа|отправ|встрет|связ)|(?:create|add|set|set up|schedule|make) (?:a |an )?(?:new )?(?:follow-up )?task|remind me to',
  ],
  [
    'stuck',
    'завис|застрял|застря|залежал|буксу|без движения|долго (?:висят|стоят|лежат)|stuck|stalled|stale deals|not moving',
  ],
  [
    'pipeline',
    'воронк|пайплайн|взвешенн|сводк[а-яё]* по сделкам|pipeline|funnel|weighted|win rate|deal summary|deals summary',
  ],
  ['deals', 'сделк|сделок|deal'],
];

export type TaskKind = 'call' | 'meeting' | 'email' | 'todo';

export interface DealAsk {
  status?: 'open' | 'won' | 'lost';
  owner?: 'me';
  client?: string;
  stage?: string;
  amountMin?: number;
  amountMax?: number;
  expectedFrom?: string;
  expectedTo?: string;
}

export interface TaskAsk {
  title: string;
  type: TaskKind;
  /** Local day, or day and time, in the company's time zone: `YYYY-MM-DD` / `YYYY-MM-DDTHH:MM`. */
  due: string;
  client?: string;
}

const B = '(?<![\\p{L}\\d])';
const has = (text: string, pattern: string) => new RegExp(`${B}(?:${pattern})`, 'iu').test(text);

/** Words that start a sentence or name no client, though capitalised. */
const NOT_NAMES = new Set(
  (
    'поставь|поставить|создай|создать|добавь|добавить|заведи|запланируй|напомни|покажи|какие|какая|какой|сколько|' +
    'найди|открытые|сделки|сделка|воронка|сводка|задачу|задача|клиенту|клиента|клиент|позвонить|' +
    'create|add|set|schedule|make|remind|show|which|what|how|find|list|open|deals|deal|pipeline|summary|task|call|' +
    'email|meet|the|my|our|i|january|february|march|april|may|june|july|august|september|october|november|december|' +
    'monday|tuesday|wednesday|thursday|friday|saturday|sunday'
  ).split('|'),
);

/** The client a question names: a quoted name, else capitalised words after «клиент…»/with/for/of/to/у, else any. */
export function namedClient(text: string): string | undefined {
  const quoted = /[«"“]([^»"”]{2,200})[»"”]/u.exec(text);
  if (quoted) return quoted[1].trim();
  const NAME = "\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+)?";
  const after = new RegExp(
    `${B}(?:клиент[а-яё]*|покупател[а-яё]*|client|customer|with|for|of|to|у|с|для)\\s+(${NAME})`,
    'u',
  ).exec(text);
  if (after && !NOT_NAMES.has(after[1].split(/\s+/)[0].toLowerCase())) return after[1];
  const any = new RegExp(`(?<=\\s)(${NAME})`, 'gu');
  for (const m of text.matchAll(any)) {
    const first = m[1].split(/\s+/)[0];
    if (!NOT_NAMES.has(first.toLowerCase()) && !/^[A-Z]{3}$/.test(first)) return m[1];
  }
  return undefined;
}

const NUMBER = '(\\d[\\d\\s\\u00a0]*(?:[.,]\\d+)?)\\s*(тыс[а-яё.]*|k|млн|m(?:ln)?|million)?';
function amountOf(digits: string, scale: string | undefined): number {
  const n = Number(digits.replace(/[\s\u00a0]/g, '').replace(',', '.'));
  const s = (scale ?? '').toLowerCase();
  return /^(тыс|k)/.test(s) ? n * 1000 : /^(млн|m|million)/.test(s) ? n * 1_000_000 : n;
}

/** The find_deals filters a question names. */
export function dealAsk(text: string, today: string): DealAsk {
  const ask: DealAsk = {};
  if (has(text, 'открыт|активн|в работе|open|active|in progress')) ask.status = 'open';
  else if (has(text, 'выигра|успешн|won|closed won')) ask.status = 'won';
  else if (has(text, 'проигра|потерян|сорвал|lost')) ask.status = 'lost';
  if (has(text, 'мои|моих|мне|my|mine')) ask.owner = 'me';
  const stage =
    /(?:этап[а-яё]*|стади[а-яё]*|stage)\s+[«"“]?(\p{L}[\p{L}\s-]{1,60}?)[»"”]?(?=[?.!,]|\s+(?:и|and|с|with|у)\s|$)/iu.exec(
      text,
    );
  let rest = text;
  if (stage) {
    ask.stage = stage[1].trim();
    rest = rest.replace(stage[0], ' ');
  }
  const min = new RegExp(
    `${B}(?:больше|свыше|более|дороже|от|over|above|more than|at least|greater than|from)\\s+${NUMBER}`,
    'iu',
  ).exec(rest);
  const max = new RegExp(`${B}(?:меньше|менее|дешевле|до|under|below|less than|at most|up to)\\s+${NUMBER}`, 'iu').exec(
    rest,
  );
  if (min) {
    ask.amountMin = amountOf(min[1], min[2]);
    rest = rest.replace(min[0], ' ');
  }
  if (max) {
    ask.amountMax = amountOf(max[1], max[2]);
    rest = rest.replace(max[0], ' ');
  }
  if (has(rest, 'закры|закро|закрыт|срок|close|closing|expected')) {
    const [p] = findPeriods(rest, today);
    if (p) {
      ask.expectedFrom = p.from;
      ask.expectedTo = p.to;
    }
  }
  const client = namedClient(rest);
  if (client) ask.client = client;
  return ask;
}

/** The task a question asks for: its kind, title, due day and time, and the client it names. */
export function taskAsk(text: string, today: string, locale: AssistantLocale): TaskAsk {
  const type: TaskKind = has(text, 'позвон|звон|созвон|call|phone|ring')
    ? 'call'
    : has(text, 'встре[тч]|meet')
      ? 'meeting'
      : has(text, 'письм|напиш|написа|e-?mail|mail|write to')
        ? 'email'
        : 'todo';
  let day = addDaysIso(today, 1);
  const inDays = /(?:через|in)\s+(\d{1,2})\s*(?:дн|день|дня|day)/iu.exec(text);
  if (has(text, 'послезавтра|day after tomorrow')) day = addDaysIso(today, 2);
  else if (has(text, 'завтра|tomorrow')) day = addDaysIso(today, 1);
  else if (has(text, 'сегодня|today')) day = today;
  else if (inDays) day = addDaysIso(today, Number(inDays[1]));
  else if (has(text, 'через неделю|in a week|next week')) day = addDaysIso(today, 7);
  else {
    const single = findPeriods(text, today).find((p) => p.from === p.to);
    if (single) day = single.from;
  }
  let time: string | undefined;
  const clock = /(\d{1,2})[:.](\d{2})(?!\d)/u.exec(text);
  const hour = /(?:в|at)\s+(\d{1,2})\s*(am|pm|утра|дня|вечера|ч(?:ас[а-яё]*|\.)?)(?![\p{L}])/iu.exec(text);
  if (clock && Number(clock[1]) < 24 && Number(clock[2]) < 60) time = `${clock[1].padStart(2, '0')}:${clock[2]}`;
  else if (hour) {
    let h = Number(hour[1]);
    if (/^(pm|дня|вечера)$/i.test(hour[2]) && h < 12) h += 12;
    if (/^am$/i.test(hour[2]) && h === 12) h = 0;
    if (h < 24) time = `${String(h).padStart(2, '0')}:00`;
  }
  const client = namedClient(text);
  const marker = /(?:задач[а-яё]*|task|напомни(?:\s+мне)?|remind me)(?:\s*[:—-]\s*|\s+(?:to\s+)?)/iu.exec(text);
  let title = marker ? text.slice(marker.index + marker[0].length) : '';
  title = title
    .replace(
      new RegExp(
        `${B}(?:на\\s+)?(?:послезавтра|завтра|сегодня|через\\s+неделю|через\\s+\\d{1,2}\\s*(?:дн[а-яё]*|день|дня)|day after tomorrow|tomorrow|today|in a week|next week|in\\s+\\d{1,2}\\s*days?)(?![\\p{L}])`,
        'giu',
      ),
      ' ',
    )
    .replace(/(?:в|at|на)?\s*\d{1,2}[:.]\d{2}(?!\d)/giu, ' ')
    .replace(/(?:в|at)\s+\d{1,2}\s*(?:am|pm|утра|дня|вечера|ч(?:ас[а-яё]*|\.)?)(?![\p{L}])/giu, ' ')
    .replace(/[\s,.;!?]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!title) {
    const what = {
      call: ['Позвонить', 'Call'],
      meeting: ['Встреча с', 'Meet'],
      email: ['Написать', 'Email'],
      todo: ['Связаться с', 'Follow up with'],
    }[type][locale === 'ru' ? 0 : 1];
    title = client ? `${what} ${client}` : what;
  }
  title = title.charAt(0).toUpperCase() + title.slice(1);
  return { title: title.slice(0, 500), type, due: time ? `${day}T${time}` : day, ...(client ? { client } : {}) };
}

interface Prior {
  name: string;
  args: Record<string, unknown>;
  outcome: 'ok' | 'error';
  data?: Record<string, unknown>;
  error?: string;
}

/** The next deal tool calls, or null when the answer can be written. */
export function nextDealCalls(
  intent: DealIntent,
  u: { deals?: DealAsk; task?: TaskAsk; periods: { from: string; to: string }[]; limit: number },
  prior: Prior[],
): { name: string; args: Record<string, unknown> }[] | null {
  const done = (name: string) => prior.find((c) => c.name === name);
  const once = (name: string, args: Record<string, unknown>) => (done(name) ? null : [{ name, args }]);
  switch (intent) {
    case 'stuck':
      return once('stuck_deals', { limit: 10 });
    case 'pipeline': {
      const p = u.periods[0];
      return once('pipeline_summary', p ? { from: p.from, to: p.to } : {});
    }
    case 'deals':
      return once('find_deals', { ...(u.deals ?? {}), limit: 10 });
    case 'task': {
      const task = u.task;
      if (!task) return null;
      let clientId: string | undefined;
      if (task.client) {
        const search = done('find_clients');
        if (!search) return [{ name: 'find_clients', args: { query: task.client, limit: 3 } }];
        const found = (search.data?.['items'] as { clientId: string }[] | undefined) ?? [];
        if (search.outcome !== 'ok' || !found.length) return null;
        clientId = found[0].clientId;
      }
      return once('propose_task', {
        title: task.title,
        type: task.type,
        due: task.due,
        ...(clientId ? { clientId } : {}),
      });
    }
  }
}

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The answer to a deal question from its tool results, in the user's language. */
export function renderDeals(
  intent: DealIntent,
  u: { locale: AssistantLocale; task?: TaskAsk },
  prior: Prior[],
): string {
  const l = u.locale;
  const T = (r: string, e: string) => (l === 'ru' ? r : e);
  const failed = prior.find((c) => c.outcome === 'error');
  if (failed) return T(`Не получилось получить данные: ${failed.error}`, `I could not get the data: ${failed.error}`);
  const search = prior.find((c) => c.name === 'find_clients');
  if (search && !((search.data?.['items'] as unknown[]) ?? []).length)
    return T(
      `Клиента «${u.task?.client}» в этой компании не нашёл.`,
      `I could not find the client "${u.task?.client}" in this company.`,
    );
  const last = prior[prior.length - 1];
  const d: Data = last?.data ?? {};
  const num = (v: number) => formatNumber(v, l);
  const days = (v: number) => formatNumber(v, l, 1);
  switch (last?.name) {
    case 'stuck_deals': {
      const items = d['items'] as Data[];
      if (!items.length)
        return T(
          'Зависших сделок нет: каждая открытая сделка на своём этапе не дольше обычного для этапа.',
          'No deals are stuck: every open deal has been in its stage no longer than usual for the stage.',
        );
      const list = items
        .slice(0, 5)
        .map((x) =>
          T(
            `${x['title']} — «${x['stage']}», ${formatDays(x['daysInStage'], l)} при медиане ${formatDays(x['stageMedianDays'], l)}, ${formatMoney(x['amount'], x['currency'], l)}${x['client'] ? `, ${x['client']}` : ''}`,
            `${x['title']} — "${x['stage']}", ${formatDays(x['daysInStage'], l)} against a median of ${formatDays(x['stageMedianDays'], l)}, ${formatMoney(x['amount'], x['currency'], l)}${x['client'] ? `, ${x['client']}` : ''}`,
          ),
        );
      return T(
        `Зависших сделок: ${num(d['total'])} — они на своём этапе дольше медианы этапа. ${list.join('; ')}. Стоит назначить по ним следующий шаг.`,
        `Stuck deals: ${num(d['total'])} — in their stage longer than the stage's median. ${list.join('; ')}. Give each a next step.`,
      );
    }
    case 'pipeline_summary': {
      const c = d['currency'] as string;
      const money = (v: string | null) => formatMoney(v, c, l);
      const stages = (d['byStage'] as Data[])
        .filter((s) => s['count'] > 0)
        .map((s) => `${s['stage']} — ${num(s['count'])} (${money(s['value'])})`);
      const period = formatPeriod(d['period'].from, d['period'].to, l);
      const cycle =
        d['medianCycleDays'] === null
          ? ''
          : T(
              `, медианный цикл — ${days(d['medianCycleDays'])} дн.`,
              `, median cycle ${days(d['medianCycleDays'])} days`,
            );
      const outcome =
        d['winRate'] === null
          ? T('закрытых сделок среди них пока нет', 'none of them is closed yet')
          : T(
              `доля выигранных — ${formatPercent(d['winRate'], l)}, средняя выигранная сделка — ${money(d['averageDealSize'])}${cycle}`,
              `win rate ${formatPercent(d['winRate'], l)}, average won deal ${money(d['averageDealSize'])}${cycle}`,
            );
      return T(
        `Открытых сделок в воронке: ${num(d['openDeals'])} на ${money(d['totalValue'])}, взвешенная по вероятности сумма — ${money(d['totalWeightedValue'])}.${stages.length ? ` По этапам: ${stages.join('; ')}.` : ''} Сделок, вошедших в воронку за ${period}: ${num(d['enteredDeals'])}; ${outcome}.`,
        `Open deals in the pipeline: ${num(d['openDeals'])} worth ${money(d['totalValue'])}, ${money(d['totalWeightedValue'])} weighted by probability.${stages.length ? ` By stage: ${stages.join('; ')}.` : ''} Deals that entered the pipeline in ${period}: ${num(d['enteredDeals'])}; ${outcome}.`,
      );
    }
    case 'find_deals': {
      if (d['clientNotFound'])
        return T(
          `Клиента «${d['clientNotFound']}» в этой компании не нашёл.`,
          `I could not find the client "${d['clientNotFound']}" in this company.`,
        );
      const items = d['items'] as Data[];
      if (!items.length) return T('Сделок с такими условиями нет.', 'No deals match.');
      const list = items.map(
        (x, i) =>
          `${i + 1}. ${x['title']} — ${formatMoney(x['amount'], x['currency'], l)}, «${x['stage']}»${x['client'] ? `, ${x['client']}` : ''}${x['expectedCloseDate'] ? `, ${T('закрытие', 'close')} ${formatDate(x['expectedCloseDate'], l)}` : ''}`,
      );
      const shown =
        items.length < d['total'] ? T(` (первые ${num(items.length)})`, ` (first ${num(items.length)})`) : '';
      return T(
        `Нашёл сделок: ${num(d['total'])}${shown}. ${list.join('; ')}.`,
        `Found ${num(d['total'])} deals${shown}. ${list.join('; ')}.`,
      );
    }
    case 'propose_task': {
      const title = u.task?.title ?? String(last.args['title']);
      const [dayPart, timePart] = (last.args['due'] as string).split('T');
      const when = `${formatDate(dayPart, l)}${timePart ? ` ${timePart.slice(0, 5)}` : ` ${T('в', 'at')} 10:00`}`;
      const who = d['client'] ? T(` для клиента ${d['client']}`, ` for ${d['client']}`) : '';
      return T(
        `Предлагаю поставить задачу «${title}»${who} на ${when}. Подтвердите или отмените.`,
        `I propose the task "${title}"${who} due ${when}. Confirm or cancel it.`,
      );
    }
    default:
      return T('Не нашёл данных для ответа.', 'I found no data to answer with.');
  }
}
