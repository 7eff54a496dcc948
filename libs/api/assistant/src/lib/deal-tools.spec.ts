import { NotFoundException } from '@nestjs/common';
import { AIMessage, fakeModel, ToolMessage } from 'langchain';
import { AgentEngine, type AgentModel } from './agent-engine';
import type { AssistantConfig } from './assistant-config';
import { AssistantTools } from './assistant-tools';
import type { EngineInput } from './engine';
import type { ExecutedCall } from './tool-types';

const COMPANY = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const USER = '33333333-3333-4333-8333-333333333333';
const CONVERSATION = '44444444-4444-4444-8444-444444444444';
const DEAL = '55555555-5555-4555-8555-555555555555';
const CLIENT = '66666666-6666-4666-8666-666666666666';
const OTHER_DEAL = '77777777-7777-4777-8777-777777777777';
const SCOPE = { companyId: COMPANY, userId: USER, role: 'owner' };

const config: AssistantConfig = {
  model: null,
  rateLimitPerMinute: 10,
  modelCallLimit: 4,
  toolCallLimit: 6,
  recursionLimit: 25,
  runTimeoutMs: 10_000,
};

const deal = {
  id: DEAL,
  externalId: null,
  title: 'Поставка кофе',
  clientId: CLIENT,
  clientName: 'Борис Иванов',
  amount: '120000.00',
  currency: 'RUB',
  pipelineId: 'p',
  stageId: 's-new',
  stageName: 'Новая',
  ownerId: USER,
  ownerName: 'anna',
  expectedCloseDate: '2026-12-31',
  probability: 10,
  probabilityOverridden: false,
  status: 'open',
  lostReason: null,
  saleId: null,
  source: null,
  nextStep: null,
  stageEnteredAt: '2026-11-20T08:00:00.000Z',
  closedAt: null,
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-20T08:00:00.000Z',
};

function setup() {
  const queries: { sql: string; params: unknown[] }[] = [];
  const tenantDb = {
    run: (scope: unknown, work: (m: { query: (sql: string, p: unknown[]) => Promise<unknown[]> }) => unknown) =>
      work({
        query: async (sql, params) => {
          queries.push({ sql, params });
          return sql.includes('INSERT INTO assistant_actions') ? [{ id: 'a-1' }] : [];
        },
      }),
  };
  const deals = {
    list: jest.fn(async () => ({ items: [deal], total: 1, page: 1, pageSize: 10 })),
    get: jest.fn(async (_scope: unknown, id: string) => {
      if (id !== DEAL) throw new NotFoundException('Deal not found');
      return deal;
    }),
    getMany: jest.fn(async (_scope: unknown, ids: string[]) => ids.filter((id) => id === DEAL).map(() => deal)),
  };
  const pipelines = {
    list: jest.fn(async () => [{ id: 'p', stages: [{ id: 's-talk', name: 'Переговоры' }] }]),
  };
  const analytics = {
    stuck: jest.fn(async () => ({
      pipelineId: 'p',
      total: 1,
      items: [
        {
          dealId: DEAL,
          title: deal.title,
          stageId: 's-new',
          ownerId: USER,
          amount: '120000.00',
          currency: 'RUB',
          inStageSince: deal.stageEnteredAt,
          daysInStage: 12.5,
          stageMedianDays: 3,
        },
      ],
    })),
    pipeline: jest.fn(async () => ({
      pipelineId: 'p',
      currency: 'RUB',
      byStage: [{ stageId: 's-new', name: 'Новая', count: 1, value: '120000.00', weightedValue: '12000.00' }],
      byCloseMonth: [{ month: '2026-12', count: 1, value: '120000.00', weightedValue: '12000.00' }],
      totalValue: '120000.00',
      totalWeightedValue: '12000.00',
      unconvertedDeals: 0,
    })),
    funnel: jest.fn(async () => ({
      pipelineId: 'p',
      from: '2026-11-03',
      to: '2026-12-02',
      currency: 'RUB',
      cohort: 4,
      stages: [],
      winRate: 0.5,
      averageDealSize: '301.00',
      medianCycleDays: 2.5,
      unconvertedDeals: 0,
    })),
  };
  const clients = {
    get: jest.fn(async (_scope: unknown, id: string) => {
      if (id !== CLIENT) throw new NotFoundException('Client not found');
      return { id: CLIENT, name: 'Борис Иванов', email: null };
    }),
  };
  const companies = { get: jest.fn(async () => ({ id: COMPANY, timeZone: 'Europe/Moscow' })) };
  const none = {} as never;
  const tools = new AssistantTools(
    none,
    none,
    none,
    clients as never,
    none,
    none,
    none,
    tenantDb as never,
    deals as never,
    pipelines as never,
    analytics as never,
    companies as never,
  );
  const engine = new AgentEngine(config, tools);
  const calls: ExecutedCall[] = [];
  const input = (): EngineInput => ({
    question: 'Какие сделки зависли?',
    history: [],
    ctx: { companyId: COMPANY, userId: USER, role: 'owner', locale: 'ru', conversationId: CONVERSATION, mode: 'fake' },
    today: '2026-12-02',
    locale: 'ru',
    sink: { toolStart: () => undefined, toolEnd: (c) => calls.push(c), text: () => undefined },
    signal: new AbortController().signal,
  });
  const run = (model: ReturnType<typeof fakeModel>) => engine.run(input(), model as unknown as AgentModel, 'fake');
  return { tools, deals, pipelines, analytics, clients, companies, queries, calls, run };
}

const toolMessages = (model: ReturnType<typeof fakeModel>) =>
  (model.calls[model.calls.length - 1].messages as unknown[]).filter((m): m is ToolMessage =>
    ToolMessage.isInstance(m),
  );

describe('deal tools through the agent (fakeModel)', () => {
  it('stuck_deals reads the deals analytics with the run’s company, whatever the model adds', async () => {
    const s = setup();
    const model = fakeModel()
      .respondWithTools([{ name: 'stuck_deals', args: { limit: 5, companyId: OTHER } }])
      .respond(new AIMessage('Зависла одна сделка.'));
    await s.run(model);
    expect(s.analytics.stuck).toHaveBeenCalledWith(SCOPE, {});
    expect(s.deals.getMany).toHaveBeenCalledWith(SCOPE, [DEAL]);
    expect(JSON.stringify(s.analytics.stuck.mock.calls)).not.toContain(OTHER);
    const result = JSON.parse(String(toolMessages(model)[0].content));
    expect(result).toMatchObject({
      total: 1,
      items: [{ dealId: DEAL, stage: 'Новая', client: 'Борис Иванов', daysInStage: 12.5, stageMedianDays: 3 }],
    });
    expect(s.calls[0].result?.records).toEqual([{ kind: 'deal', id: DEAL, label: 'Поставка кофе' }]);
    expect(s.calls[0].result?.tables?.[0].rows[0]).toEqual({
      cells: ['Поставка кофе', 'Новая', '12,5 дн.', '3,0 дн.', expect.stringMatching(/^120\s000,00\s₽$/u)],
      link: { kind: 'deal', id: DEAL, label: 'Поставка кофе' },
    });
    // Audited under the run's company and user.
    const audit = s.queries.find((q) => q.sql.includes('assistant_tool_calls'));
    expect(audit?.params.slice(0, 4)).toEqual([COMPANY, CONVERSATION, USER, 'stuck_deals']);
  });

  it('find_deals maps the filters onto the deals service, with the stage by name', async () => {
    const s = setup();
    const model = fakeModel()
      .respondWithTools([
        {
          name: 'find_deals',
          args: {
            status: 'open',
            stage: 'переговоры',
            amountMin: 1000,
            expectedTo: '2026-12-31',
            owner: 'me',
            companyId: OTHER,
          },
        },
      ])
      .respond(new AIMessage('ok'));
    await s.run(model);
    expect(s.pipelines.list).toHaveBeenCalledWith(SCOPE);
    expect(s.deals.list).toHaveBeenCalledWith(SCOPE, {
      page: 1,
      pageSize: 10,
      sort: '-amount',
      status: 'open',
      amountMin: '1000',
      expectedTo: '2026-12-31',
      stageId: 's-talk',
      ownerId: USER,
    });
    expect(s.calls[0]).toMatchObject({ outcome: 'ok', result: { records: [{ kind: 'deal', id: DEAL }] } });
  });

  it('find_deals: an unknown stage is a short error the model can act on', async () => {
    const s = setup();
    const model = fakeModel()
      .respondWithTools([{ name: 'find_deals', args: { stage: 'Космос' } }])
      .respond(new AIMessage('ok'));
    await s.run(model);
    expect(String(toolMessages(model)[0].content)).toBe(
      'Error: Invalid arguments (stage: no stage "Космос"; the stages are Переговоры).',
    );
    expect(s.deals.list).not.toHaveBeenCalled();
  });

  it('pipeline_summary combines the pipeline value and the funnel of the run’s company', async () => {
    const s = setup();
    const model = fakeModel()
      .respondWithTools([
        { name: 'pipeline_summary', args: { from: '2026-11-01', to: '2026-11-30', companyId: OTHER } },
      ])
      .respond(new AIMessage('ok'));
    await s.run(model);
    expect(s.analytics.pipeline).toHaveBeenCalledWith(SCOPE, { currency: undefined });
    expect(s.analytics.funnel).toHaveBeenCalledWith(SCOPE, {
      from: '2026-11-01',
      to: '2026-11-30',
      currency: undefined,
    });
    expect(JSON.parse(String(toolMessages(model)[0].content))).toMatchObject({
      openDeals: 1,
      totalValue: '120000.00',
      totalWeightedValue: '12000.00',
      winRate: 0.5,
      averageDealSize: '301.00',
      medianCycleDays: 2.5,
    });
    expect(s.calls[0].result?.tables?.map((t) => t.title)).toHaveLength(3);
  });

  it('propose_task stores a proposal for the run’s company and user only, due in the company’s time zone', async () => {
    const s = setup();
    const model = fakeModel()
      .respondWithTools([
        {
          name: 'propose_task',
          args: { title: 'Позвонить', type: 'call', due: '2026-12-03', dealId: DEAL, companyId: OTHER, userId: OTHER },
        },
      ])
      .respond(new AIMessage('Предлагаю задачу.'));
    await s.run(model);
    const insert = s.queries.find((q) => q.sql.includes('INSERT INTO assistant_actions'));
    expect(insert?.params.slice(0, 5)).toEqual([COMPANY, CONVERSATION, USER, 'create_task', CLIENT]);
    expect(JSON.parse(insert?.params[5] as string)).toEqual({
      title: 'Позвонить',
      type: 'call',
      dueAt: '2026-12-03T07:00:00.000Z',
      timeZone: 'Europe/Moscow',
      dealId: DEAL,
      dealTitle: 'Поставка кофе',
    });
    expect(s.calls[0].result?.action).toMatchObject({ kind: 'create_task', status: 'proposed', clientId: CLIENT });
  });

  it('propose_task: another company’s deal is “not found”, and nothing is proposed', async () => {
    const s = setup();
    const model = fakeModel()
      .respondWithTools([{ name: 'propose_task', args: { title: 'Позвонить', due: '2026-12-03', dealId: OTHER_DEAL } }])
      .respond(new AIMessage('Не нашёл.'));
    await s.run(model);
    expect(String(toolMessages(model)[0].content)).toMatch(/^Error: Not found in this company/);
    expect(s.deals.get).toHaveBeenCalledWith(SCOPE, OTHER_DEAL);
    expect(s.queries.some((q) => q.sql.includes('INSERT INTO assistant_actions'))).toBe(false);
  });
});
