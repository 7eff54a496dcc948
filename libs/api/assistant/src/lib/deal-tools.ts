import type { ClientsService } from '@crm/api/clients';
import type { CompaniesService } from '@crm/api/companies';
import type { CompanyScope, TenantDatabase } from '@crm/api/core';
import type { DealsAnalyticsService } from '@crm/api/deals-analytics';
import type { DealsService, PipelinesService } from '@crm/api/deals';
import {
  type AssistantActionResponse,
  type AssistantLocale,
  type AssistantRecordResponse,
  type AssistantTableResponse,
  DEAL_STATUSES,
  type DealResponse,
  type ListDealsQueryDto,
  TASK_TITLE_MAX_LENGTH,
  TASK_TYPES,
  zonedLocalToIso,
} from '@crm/shared/contracts';
import { z } from 'zod';
import { formatDate, formatDays, formatMoney, formatNumber, formatPercent, formatPeriod } from './format';
import { type AssistantRunContext, type AssistantToolSpec, scopeOf, ToolFailure, type ToolResult } from './tool-types';

/** What the deal tools need from the assistant's tool set and the services they call. */
export interface DealToolDeps {
  deals: DealsService;
  pipelines: PipelinesService;
  analytics: DealsAnalyticsService;
  clients: ClientsService;
  companies: CompaniesService;
  tenantDb: TenantDatabase;
  findClients(scope: CompanyScope, query: string, limit: number): Promise<{ id: string; name: string | null }[]>;
  propose(
    ctx: AssistantRunContext,
    kind: AssistantActionResponse['kind'],
    clientId: string | null,
    payload: Record<string, unknown>,
  ): Promise<ToolResult>;
}

const t = (locale: AssistantLocale, ru: string, en: string) => (locale === 'ru' ? ru : en);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const uuid = z.string().uuid();
/** A due time: a day (10:00 there), a local day and time in the company's time zone, or an instant with offset. */
const DUE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;
/** What a task is due at when only a day is named: 10:00 in the company's time zone. */
export const DEFAULT_TASK_TIME = '10:00';

const SORTS = {
  amount: '-amount',
  expectedClose: 'expectedCloseDate',
  longestInStage: 'stageEnteredAt',
  recent: '-updatedAt',
} as const;

export const dealRecord = (d: { id: string; title: string }): AssistantRecordResponse => ({
  kind: 'deal',
  id: d.id,
  label: d.title,
});

const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е').trim();

/**
 * The deal tools: find deals, the pipeline summary, stuck deals (the deals analytics' own
 * statements), and proposing a task. Every call takes its company from the run's context.
 */
export function dealTools(d: DealToolDeps): AssistantToolSpec[] {
  const specs: AssistantToolSpec<z.ZodObject>[] = [];
  const add = <S extends z.ZodObject>(spec: AssistantToolSpec<S>) => specs.push(spec as unknown as AssistantToolSpec);

  add({
    name: 'find_deals',
    description:
      "Finds deals of the company with filters: status (open, won, lost), stage name, owner ('me' or a member's login), client (id, or a name to search), amount range (in the deal's currency), expected close window, and text in the title or the client's name. Returns the total and up to `limit` deals with amount, stage, owner, client and expected close day.",
    schema: z.object({
      status: z.enum(DEAL_STATUSES).optional().describe('open, won or lost'),
      stage: z.string().min(1).max(100).optional().describe('a stage name of the pipeline, e.g. "Переговоры"'),
      owner: z.string().min(1).max(64).optional().describe("'me' for the asking user's deals, or a member's login"),
      clientId: uuid.optional().describe('the client id from find_clients'),
      client: z.string().min(1).max(200).optional().describe('a client name to search for, when no clientId is known'),
      amountMin: z.number().nonnegative().optional().describe('smallest amount, inclusive'),
      amountMax: z.number().nonnegative().optional().describe('largest amount, inclusive'),
      expectedFrom: day.optional().describe('expected to close on or after this day, YYYY-MM-DD'),
      expectedTo: day.optional().describe('expected to close on or before this day, YYYY-MM-DD'),
      text: z.string().min(1).max(200).optional().describe("words in the deal's title or client's name"),
      sort: z.enum(Object.keys(SORTS) as [keyof typeof SORTS]).default('amount'),
      limit: z.number().int().min(1).max(20).default(10),
    }),
    label: (a, l) => {
      const bits = [
        a.status && t(l, { open: 'открытые', won: 'выигранные', lost: 'проигранные' }[a.status], a.status),
        a.client && t(l, `клиента «${a.client}»`, `of "${a.client}"`),
        a.stage && t(l, `на этапе «${a.stage}»`, `in "${a.stage}"`),
      ].filter(Boolean);
      return t(
        l,
        `нашёл сделки${bits.length ? ` (${bits.join(', ')})` : ''}`,
        `found deals${bits.length ? ` (${bits.join(', ')})` : ''}`,
      );
    },
    run: async (a, ctx) => {
      const scope = scopeOf(ctx);
      if (a.amountMin !== undefined && a.amountMax !== undefined && a.amountMin > a.amountMax)
        throw new ToolFailure('Invalid arguments (amountMax: must not be below amountMin).', 'invalid');
      if (a.expectedFrom && a.expectedTo && a.expectedFrom > a.expectedTo)
        throw new ToolFailure('Invalid arguments (expectedTo: must not be before expectedFrom).', 'invalid');
      const query: Partial<ListDealsQueryDto> = {
        page: 1,
        pageSize: a.limit ?? 10,
        sort: SORTS[a.sort ?? 'amount'],
        ...(a.status ? { status: a.status } : {}),
        ...(a.amountMin !== undefined ? { amountMin: String(a.amountMin) } : {}),
        ...(a.amountMax !== undefined ? { amountMax: String(a.amountMax) } : {}),
        ...(a.expectedFrom ? { expectedFrom: a.expectedFrom } : {}),
        ...(a.expectedTo ? { expectedTo: a.expectedTo } : {}),
        ...(a.text ? { q: a.text } : {}),
      };
      let clientName: string | null = null;
      if (a.clientId) {
        const client = await d.clients.get(scope, a.clientId);
        query.clientId = client.id;
        clientName = client.name ?? client.email;
      } else if (a.client) {
        const [found] = await d.findClients(scope, a.client, 1);
        if (!found) return { data: { total: 0, items: [], clientNotFound: a.client }, records: [] };
        query.clientId = found.id;
        clientName = found.name;
      }
      const stageName = a.stage;
      if (stageName) {
        const pipelines = await d.pipelines.list(scope);
        const stages = pipelines.flatMap((p) => p.stages);
        const stage = stages.find((s) => fold(s.name) === fold(stageName));
        if (!stage)
          throw new ToolFailure(
            `Invalid arguments (stage: no stage "${stageName}"; the stages are ${[...new Set(stages.map((s) => s.name))].join(', ')}).`,
            'invalid',
          );
        query.stageId = stage.id;
      }
      if (a.owner) query.ownerId = await ownerId(d.tenantDb, scope, a.owner);
      const page = await d.deals.list(scope, query as ListDealsQueryDto);
      const l = ctx.locale;
      return {
        data: {
          total: page.total,
          ...(clientName ? { client: clientName } : {}),
          items: page.items.map(compactDeal),
        },
        records: page.items.map(dealRecord),
        tables: page.items.length
          ? [
              {
                title: t(l, `Сделки: ${page.total}`, `Deals: ${page.total}`),
                columns: [
                  t(l, 'Сделка', 'Deal'),
                  t(l, 'Клиент', 'Client'),
                  t(l, 'Этап', 'Stage'),
                  t(l, 'Сумма', 'Amount'),
                  t(l, 'Закрытие', 'Close'),
                ],
                numeric: [false, false, false, true, false],
                rows: page.items.map((x) => ({
                  cells: [
                    x.title,
                    x.clientName ?? '–',
                    x.stageName,
                    formatMoney(x.amount, x.currency, l),
                    x.expectedCloseDate ? formatDate(x.expectedCloseDate, l) : '–',
                  ],
                  link: dealRecord(x),
                })),
                footer: null,
              },
            ]
          : [],
      };
    },
  });

  add({
    name: 'pipeline_summary',
    description:
      "The sales pipeline of the company's default pipeline now: open deals' value and probability-weighted value by stage and by expected close month (converted to `currency` at today's rates), and for the deals that entered the pipeline in from..to (default the last 30 days): win rate (won / closed, 0..1), average won deal size, median cycle length in days.",
    schema: z.object({
      from: day.optional().describe('first day of the period for win rate and cycle, YYYY-MM-DD'),
      to: day.optional().describe('last day of that period, YYYY-MM-DD'),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .optional()
        .describe('ISO 4217 code; default the company base currency'),
    }),
    label: (a, l) =>
      a.from && a.to
        ? t(
            l,
            `посмотрел воронку сделок за ${formatPeriod(a.from, a.to, l)}`,
            `looked at the deal pipeline for ${formatPeriod(a.from, a.to, l)}`,
          )
        : t(l, 'посмотрел воронку сделок', 'looked at the deal pipeline'),
    run: async (a, ctx) => {
      if (a.from && a.to && a.from > a.to)
        throw new ToolFailure('Invalid arguments (to: must not be before from).', 'invalid');
      const scope = scopeOf(ctx);
      const value = await d.analytics.pipeline(scope, { currency: a.currency });
      const funnel = await d.analytics.funnel(scope, { from: a.from, to: a.to, currency: a.currency });
      const l = ctx.locale;
      const c = value.currency;
      const money = (v: string | null) => formatMoney(v, c, l);
      const openDeals = value.byStage.reduce((n, s) => n + s.count, 0);
      const monthLabel = (m: string | null) =>
        m === null ? t(l, 'без даты', 'no date') : formatPeriod(`${m}-01`, lastOfMonth(m), l);
      const tables: AssistantTableResponse[] = [
        {
          title: t(l, `Открытые сделки по этапам, ${c}`, `Open deals by stage, ${c}`),
          columns: [
            t(l, 'Этап', 'Stage'),
            t(l, 'Сделок', 'Deals'),
            t(l, 'Сумма', 'Value'),
            t(l, 'Взвешенная', 'Weighted'),
          ],
          numeric: [false, true, true, true],
          rows: value.byStage.map((s) => ({
            cells: [s.name, formatNumber(s.count, l), money(s.value), money(s.weightedValue)],
          })),
          footer: [
            t(l, 'Итого', 'Total'),
            formatNumber(openDeals, l),
            money(value.totalValue),
            money(value.totalWeightedValue),
          ],
        },
      ];
      if (value.byCloseMonth.length)
        tables.push({
          title: t(l, `По месяцу закрытия, ${c}`, `By expected close month, ${c}`),
          columns: [
            t(l, 'Месяц', 'Month'),
            t(l, 'Сделок', 'Deals'),
            t(l, 'Сумма', 'Value'),
            t(l, 'Взвешенная', 'Weighted'),
          ],
          numeric: [false, true, true, true],
          rows: value.byCloseMonth.map((m) => ({
            cells: [monthLabel(m.month), formatNumber(m.count, l), money(m.value), money(m.weightedValue)],
          })),
          footer: null,
        });
      tables.push({
        title: t(
          l,
          `Сделки, вошедшие в воронку за ${formatPeriod(funnel.from, funnel.to, l)}`,
          `Deals that entered the pipeline in ${formatPeriod(funnel.from, funnel.to, l)}`,
        ),
        columns: [t(l, 'Показатель', 'Figure'), t(l, 'Значение', 'Value')],
        numeric: [false, true],
        rows: [
          { cells: [t(l, 'Сделок', 'Deals'), formatNumber(funnel.cohort, l)] },
          { cells: [t(l, 'Доля выигранных', 'Win rate'), formatPercent(funnel.winRate, l)] },
          { cells: [t(l, 'Средняя выигранная сделка', 'Average won deal'), money(funnel.averageDealSize)] },
          {
            cells: [
              t(l, 'Медианный цикл, дней', 'Median cycle, days'),
              funnel.medianCycleDays === null ? '–' : formatNumber(funnel.medianCycleDays, l, 1),
            ],
          },
        ],
        footer: null,
      });
      return {
        data: {
          currency: c,
          openDeals,
          totalValue: value.totalValue,
          totalWeightedValue: value.totalWeightedValue,
          byStage: value.byStage.map((s) => ({
            stage: s.name,
            count: s.count,
            value: s.value,
            weightedValue: s.weightedValue,
          })),
          byCloseMonth: value.byCloseMonth,
          unconvertedDeals: value.unconvertedDeals,
          period: { from: funnel.from, to: funnel.to },
          enteredDeals: funnel.cohort,
          winRate: funnel.winRate,
          averageDealSize: funnel.averageDealSize,
          medianCycleDays: funnel.medianCycleDays,
        },
        records: [],
        tables,
      };
    },
  });

  add({
    name: 'stuck_deals',
    description:
      "Open deals of the default pipeline that have been in their stage longer than the stage's median stay (the deals analytics' measure): those longest over their median first, with days in stage, the stage's median, amount, client and owner.",
    schema: z.object({ limit: z.number().int().min(1).max(20).default(10) }),
    label: (_a, l) => t(l, 'нашёл зависшие сделки', 'found the stuck deals'),
    run: async (a, ctx) => {
      const scope = scopeOf(ctx);
      const stuck = await d.analytics.stuck(scope, {});
      // Names (client, stage, owner) from the deals service, in one query; a deal deleted since the
      // analytics read is left out.
      const found = new Map(
        (
          await d.deals.getMany(
            scope,
            stuck.items.slice(0, a.limit ?? 10).map((s) => s.dealId),
          )
        ).map((x) => [x.id, x]),
      );
      const shown = stuck.items.slice(0, a.limit ?? 10).filter((s) => found.has(s.dealId));
      const deals = shown.map((s) => found.get(s.dealId) as DealResponse);
      const l = ctx.locale;
      const items = shown.map((s, i) => ({
        dealId: s.dealId,
        title: s.title,
        client: deals[i].clientName,
        stage: deals[i].stageName,
        owner: deals[i].ownerName,
        amount: s.amount,
        currency: s.currency,
        daysInStage: s.daysInStage,
        stageMedianDays: s.stageMedianDays,
      }));
      return {
        data: { total: stuck.total, items },
        records: deals.map(dealRecord),
        tables: items.length
          ? [
              {
                title: t(l, `Зависшие сделки: ${stuck.total}`, `Stuck deals: ${stuck.total}`),
                columns: [
                  t(l, 'Сделка', 'Deal'),
                  t(l, 'Этап', 'Stage'),
                  t(l, 'На этапе', 'In stage'),
                  t(l, 'Медиана этапа', 'Stage median'),
                  t(l, 'Сумма', 'Amount'),
                ],
                numeric: [false, false, true, true, true],
                rows: items.map((x) => ({
                  cells: [
                    x.title,
                    x.stage,
                    formatDays(x.daysInStage, l),
                    formatDays(x.stageMedianDays, l),
                    formatMoney(x.amount, x.currency, l),
                  ],
                  link: dealRecord({ id: x.dealId, title: x.title }),
                })),
                footer: null,
              },
            ]
          : [],
      };
    },
  });

  add({
    name: 'propose_task',
    description:
      "Proposes a task (call, meeting, email or todo) for the asking user on a deal and/or a client. Nothing is written: the user confirms or cancels it. `due` is a day (YYYY-MM-DD, 10:00 then), a local day and time in the company's time zone (YYYY-MM-DDTHH:MM), or an ISO 8601 instant with offset.",
    schema: z.object({
      title: z.string().min(1).max(TASK_TITLE_MAX_LENGTH).describe('what to do, e.g. "Позвонить клиенту"'),
      type: z.enum(TASK_TYPES).default('todo'),
      due: z.string().regex(DUE).describe('YYYY-MM-DD, YYYY-MM-DDTHH:MM (company time) or ISO 8601 with offset'),
      dealId: uuid.optional().describe('the deal id from find_deals or stuck_deals'),
      clientId: uuid.optional().describe('the client id from find_clients'),
    }),
    label: (a, l) => t(l, `предложил поставить задачу «${a.title}»`, `proposed the task "${a.title}"`),
    run: async (a, ctx) => {
      const scope = scopeOf(ctx);
      const deal = a.dealId ? await d.deals.get(scope, a.dealId) : null;
      if (deal && a.clientId && a.clientId !== deal.clientId)
        throw new ToolFailure("Invalid arguments (clientId: must be the deal's client).", 'invalid');
      const company = await d.companies.get(scope);
      const dueAt = dueInstant(a.due, company.timeZone);
      if (Number.isNaN(Date.parse(dueAt))) throw new ToolFailure('Invalid arguments (due: not a date).', 'invalid');
      return d.propose(ctx, 'create_task', deal?.clientId ?? a.clientId ?? null, {
        title: a.title,
        type: a.type ?? 'todo',
        dueAt,
        timeZone: company.timeZone,
        dealId: deal?.id ?? null,
        dealTitle: deal?.title ?? null,
      });
    },
  });
  return specs as unknown as AssistantToolSpec[];
}

function compactDeal(x: DealResponse) {
  return {
    dealId: x.id,
    title: x.title,
    client: x.clientName,
    amount: x.amount,
    currency: x.currency,
    stage: x.stageName,
    status: x.status,
    owner: x.ownerName,
    probability: x.probability,
    expectedCloseDate: x.expectedCloseDate,
    nextStep: x.nextStep ? { title: x.nextStep.title, dueAt: x.nextStep.dueAt } : null,
  };
}

function lastOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** A member of the scope's company by login, or the asking user for 'me'. */
async function ownerId(tenantDb: TenantDatabase, scope: CompanyScope, owner: string): Promise<string> {
  if (['me', 'я', 'мои', 'mine', 'my'].includes(owner.toLowerCase()) && scope.userId) return scope.userId;
  const [row] = (await tenantDb.run(scope, (m) =>
    m.query(
      `SELECT a.user_id AS id FROM company_accounts a JOIN users u ON u.id = a.user_id
        WHERE a.company_id = $1 AND lower(u.login) = lower($2)`,
      [scope.companyId, owner],
    ),
  )) as { id: string }[];
  if (!row) throw new ToolFailure(`Invalid arguments (owner: no member "${owner}" in this company).`, 'invalid');
  return row.id;
}

/** The instant of a due time: an instant as given; a local day (and time) in `timeZone`. */
export function dueInstant(due: string, timeZone: string): string {
  if (/(?:Z|[+-]\d{2}:\d{2})$/.test(due)) return new Date(due).toISOString();
  const local = due.length === 10 ? `${due} ${DEFAULT_TASK_TIME}` : due.slice(0, 16).replace('T', ' ');
  return new Date(zonedLocalToIso(local, timeZone)).toISOString();
}
