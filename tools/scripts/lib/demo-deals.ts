/**
 * The demo company's deals and tasks: a sales team's week in progress on the default pipeline, so
 * that a newcomer logging in as `demo` finds a board, a funnel and «tasks for today», not empty
 * screens. Deals go through the integration API like a shop's would (`/v1/deals/batch`), for the
 * demo's best recent buyers, each straight into its stage (two already won, two lost with their
 * reason); then, as an employee would, the demo user takes them over (owner and next step) and plans
 * tasks. No deal is moved here: moves seconds apart would make those seconds each stage's usual stay
 * and every deal in it «stuck». Loaded once: when the company already has demo deals nothing is
 * changed, so a user's moves on the board are never undone.
 */
import type { DemoAccount } from './demo-company';
import { addLocalDays } from './demo-dates';
import type { CrmApi } from './integration-api';
import { invoiceAmount, isCancellation } from './online-retail-mapping';
import type { RetailInvoice } from './online-retail';

/** Deals per stage of the default pipeline, in its order. */
const PLAN: readonly { stage: string; deals: number }[] = [
  { stage: 'Новая', deals: 7 },
  { stage: 'Квалификация', deals: 6 },
  { stage: 'Предложение', deals: 4 },
  { stage: 'Переговоры', deals: 3 },
  { stage: 'Выиграна', deals: 2 },
  { stage: 'Проиграна', deals: 2 },
];
const TITLES = [
  'Оптовый заказ к сезону',
  'Повторная поставка',
  'Новая коллекция для магазина',
  'Подарочные наборы к праздникам',
  'Расширение ассортимента',
  'Годовой контракт на поставки',
];
const SOURCES = ['Сайт', 'Выставка', 'Повторный клиент', 'Звонок'];
const NEXT_STEPS = [
  'Позвонить и уточнить объём',
  'Отправить коммерческое предложение',
  'Согласовать условия доставки',
  'Встреча с закупщиком',
];
const LOST_REASONS = ['Выбрали другого поставщика', 'Дорого'];
const TASKS: readonly { title: string; type: 'call' | 'meeting' | 'email' | 'todo'; days: number; hour: number }[] = [
  { title: 'Перезвонить по счёту', type: 'call', days: -1, hour: 11 },
  { title: 'Отправить каталог новой коллекции', type: 'email', days: -2, hour: 15 },
  { title: 'Созвон с закупщиком', type: 'call', days: 0, hour: 10 },
  { title: 'Встреча: условия годового контракта', type: 'meeting', days: 0, hour: 14 },
  { title: 'Подготовить образцы', type: 'todo', days: 0, hour: 17 },
  { title: 'Напомнить об оплате', type: 'email', days: 2, hour: 12 },
  { title: 'Обсудить скидку за объём', type: 'call', days: 4, hour: 16 },
];
export const DEMO_DEAL_PREFIX = 'DEMO-D-';
const DEMO_DEAL_COUNT = PLAN.reduce((n, p) => n + p.deals, 0);

export interface DemoBuyer {
  customerId: string;
  /** Σ of the buyer's paid invoices in pence. */
  pence: bigint;
  invoices: number;
}

/** The buyers who bought most in the last `days` days before `until` (local dates), best first. */
export async function bestRecentBuyers(
  invoices: AsyncIterable<RetailInvoice>,
  until: string,
  days = 90,
): Promise<DemoBuyer[]> {
  const since = addLocalDays(until, -days);
  const buyers = new Map<string, DemoBuyer>();
  for await (const invoice of invoices) {
    const day = invoice.lines[0].invoiceDate.slice(0, 10);
    if (isCancellation(invoice.invoiceNo) || day < since || day > until) continue;
    const buyer = buyers.get(invoice.customerId) ?? { customerId: invoice.customerId, pence: 0n, invoices: 0 };
    buyer.pence += invoiceAmount(invoice) / 10_000n;
    buyer.invoices += 1;
    buyers.set(invoice.customerId, buyer);
  }
  return [...buyers.values()].sort((a, b) =>
    a.pence === b.pence ? a.customerId.localeCompare(b.customerId) : a.pence > b.pence ? -1 : 1,
  );
}

/** A deal worth about two of the buyer's average orders, in whole pounds. */
function dealAmount(buyer: DemoBuyer, i: number): string {
  const average = Number(buyer.pence) / buyer.invoices / 100;
  return String(Math.max(100, Math.round((average * (1.5 + (i % 4) * 0.5)) / 10) * 10)) + '.00';
}

interface DealPage {
  total: number;
  items: { id: string; externalId: string; stageId: string; status: string }[];
}
interface Pipeline {
  id: string;
  stages: { id: string; name: string; kind: string }[];
}

/**
 * Adds the demo's deals and tasks unless the company already has them; returns how many deals were
 * added (0 when they were there).
 */
export async function ensureDemoDeals(
  account: DemoAccount,
  integration: CrmApi,
  buyers: readonly DemoBuyer[],
  today: string,
): Promise<number> {
  const { user, companyId } = account;
  const base = `/companies/${companyId}`;
  const existing = await user.request<DealPage>('GET', `${base}/deals?q=${DEMO_DEAL_PREFIX}&pageSize=1`);
  if (existing.total > 0 || buyers.length === 0) return 0;
  const me = await user.request<{ id: string }>('GET', '/me');
  const [pipeline] = await user.request<Pipeline[]>('GET', `${base}/pipelines`);
  if (!pipeline) return 0;

  let n = 0;
  const items = PLAN.flatMap(({ stage, deals }) =>
    Array.from({ length: deals }, () => {
      const i = n++;
      const buyer = buyers[i % buyers.length];
      const lost = stage === 'Проиграна';
      return {
        externalId: `${DEMO_DEAL_PREFIX}${String(i + 1).padStart(3, '0')}`,
        clientExternalId: buyer.customerId,
        title: TITLES[i % TITLES.length],
        amount: dealAmount(buyer, i),
        currency: 'GBP',
        stage,
        expectedCloseDate: addLocalDays(today, lost ? -3 - i : 7 + ((i * 11) % 50)),
        source: SOURCES[i % SOURCES.length],
        ...(lost ? { lostReason: LOST_REASONS[i % LOST_REASONS.length] } : {}),
      };
    }),
  );
  await integration.request('POST', '/v1/deals/batch', { items });

  const deals = await user.request<DealPage>('GET', `${base}/deals?q=${DEMO_DEAL_PREFIX}&pageSize=${DEMO_DEAL_COUNT}`);
  const byExternal = new Map(deals.items.map((d) => [d.externalId, d]));
  const at = (days: number, hour: number) => `${addLocalDays(today, days)}T${String(hour).padStart(2, '0')}:00:00Z`;
  const open: string[] = [];
  for (const [i, item] of items.entries()) {
    const deal = byExternal.get(item.externalId);
    if (!deal) continue;
    const isOpen = deal.status === 'open';
    await user.request('PATCH', `${base}/deals/${deal.id}`, {
      ownerId: me.id,
      ...(isOpen ? { nextStep: { title: NEXT_STEPS[i % NEXT_STEPS.length], dueAt: at(i % 5, 10 + (i % 7)) } } : {}),
    });
    if (isOpen) open.push(deal.id);
  }
  for (const [i, task] of TASKS.entries()) {
    await user.request('POST', `${base}/tasks`, {
      title: task.title,
      type: task.type,
      dueAt: at(task.days, task.hour),
      assigneeId: me.id,
      dealId: open[(i * 3) % open.length],
    });
  }
  return items.length;
}
