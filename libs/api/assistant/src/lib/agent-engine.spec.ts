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

const config: AssistantConfig = {
  model: null,
  rateLimitPerMinute: 10,
  modelCallLimit: 4,
  toolCallLimit: 6,
  recursionLimit: 25,
  runTimeoutMs: 10_000,
};

function setup(summary: (companyId: string, query: unknown) => Promise<unknown>) {
  const indicators = { summary: jest.fn(summary) };
  const audit: unknown[][] = [];
  const tenantDb = {
    run: (_scope: unknown, work: (m: { query: (sql: string, p: unknown[]) => Promise<unknown[]> }) => unknown) =>
      work({ query: async (_sql, params) => (audit.push(params), []) }),
  };
  const none = {} as never;
  const tools = new AssistantTools(
    indicators as never,
    none,
    none,
    none,
    none,
    none,
    none,
    tenantDb as never,
    none,
    none,
    none,
    none,
  );
  const engine = new AgentEngine(config, tools);
  const calls: ExecutedCall[] = [];
  const text: string[] = [];
  const input = (signal = new AbortController().signal): EngineInput => ({
    question: 'Какая выручка за 2024 год?',
    history: [],
    ctx: { companyId: COMPANY, userId: USER, role: 'owner', locale: 'ru', conversationId: CONVERSATION, mode: 'fake' },
    today: '2026-12-02',
    locale: 'ru',
    sink: { toolStart: () => undefined, toolEnd: (c) => calls.push(c), text: (d) => text.push(d) },
    signal,
  });
  return { indicators, tools, engine, calls, text, input, audit };
}

const SUMMARY = {
  from: '2024-01-01',
  to: '2024-12-31',
  currency: 'RUB',
  revenue: '1234.50',
  salesCount: 3,
  buyers: 2,
  newClients: 1,
  returningClients: 1,
  averageOrderValue: '411.50',
  repeatPurchaseRate: 0.5,
  returns: { count: 0, amount: '0.00' },
  previous: {
    from: '2023-01-01',
    to: '2023-12-31',
    revenue: '0.00',
    salesCount: 0,
    buyers: 0,
    averageOrderValue: null,
  },
  change: { revenue: null },
  warnings: [],
};

/** The tool messages the model saw on its last call (each call carries the whole conversation). */
const toolMessages = (model: ReturnType<typeof fakeModel>) =>
  (model.calls[model.calls.length - 1].messages as unknown[]).filter((m): m is ToolMessage =>
    ToolMessage.isInstance(m),
  );

describe('AgentEngine with fakeModel()', () => {
  it('runs tool call → tool result → answer, with the company from the run context', async () => {
    const s = setup(async () => SUMMARY);
    const model = fakeModel()
      .respondWithTools([{ name: 'sales_summary', args: { from: '2024-01-01', to: '2024-12-31' } }])
      .respond(new AIMessage('Выручка за 2024 год — 1 234,50 ₽.'));
    const out = await s.engine.run(s.input(), model as unknown as AgentModel, 'fake');
    expect(out.answer).toBe('Выручка за 2024 год — 1 234,50 ₽.');
    expect(out.mode).toBe('fake');
    expect(s.indicators.summary).toHaveBeenCalledWith(
      { companyId: COMPANY, userId: USER, role: 'owner' },
      { from: '2024-01-01', to: '2024-12-31' },
    );
    expect(s.calls).toEqual([expect.objectContaining({ name: 'sales_summary', outcome: 'ok' })]);
    expect(JSON.parse(toolMessages(model)[0].content as string)).toMatchObject({ revenue: '1234.50', currency: 'RUB' });
    expect(s.text.join('')).toBe(out.answer);
    // Audited: company, conversation, user, tool, arguments, outcome.
    expect(s.audit[0].slice(0, 6)).toEqual([
      COMPANY,
      CONVERSATION,
      USER,
      'sales_summary',
      JSON.stringify({ from: '2024-01-01', to: '2024-12-31' }),
      'ok',
    ]);
  });

  it('ignores a company id the model puts into tool arguments', async () => {
    const s = setup(async () => SUMMARY);
    const model = fakeModel()
      .respondWithTools([{ name: 'sales_summary', args: { from: '2024-01-01', to: '2024-12-31', companyId: OTHER } }])
      .respond(new AIMessage('ok'));
    await s.engine.run(s.input(), model as unknown as AgentModel, 'fake');
    expect(s.indicators.summary).toHaveBeenCalledTimes(1);
    expect(s.indicators.summary.mock.calls[0][0]).toEqual({ companyId: COMPANY, userId: USER, role: 'owner' });
    expect(JSON.stringify(s.indicators.summary.mock.calls[0][1])).not.toContain(OTHER);
  });

  it('turns tool errors into short messages the model recovers from', async () => {
    const s = setup(async () => {
      throw new NotFoundException('Client not found');
    });
    const model = fakeModel()
      .respondWithTools([{ name: 'sales_summary', args: { from: 'last year', to: '2024-12-31' } }])
      .respondWithTools([{ name: 'sales_summary', args: { from: '2024-01-01', to: '2024-12-31' } }])
      .respond(new AIMessage('Не нашёл данных.'));
    const out = await s.engine.run(s.input(), model as unknown as AgentModel, 'fake');
    expect(out.answer).toBe('Не нашёл данных.');
    const [invalid, notFound] = toolMessages(model).map((m) => String(m.content));
    expect(invalid).toMatch(/^Error: .*(Invalid arguments|schema)/);
    expect(notFound).toBe('Error: Not found in this company (check the id, or search with find_clients).');
    for (const m of [invalid, notFound]) expect(m).not.toMatch(/\.ts:|\n\s+at /);
  });

  it('times a slow tool out', async () => {
    const s = setup(() => new Promise(() => undefined));
    s.tools.spec('sales_summary')!.timeoutMs = 50;
    const model = fakeModel()
      .respondWithTools([{ name: 'sales_summary', args: { from: '2024-01-01', to: '2024-12-31' } }])
      .respond(new AIMessage('Слишком долго.'));
    await s.engine.run(s.input(), model as unknown as AgentModel, 'fake');
    expect(String(toolMessages(model)[0].content)).toBe('Error: The tool took longer than 0.05 s.');
  });

  it('stops at the model-call limit of a run', async () => {
    const s = setup(async () => SUMMARY);
    let model = fakeModel();
    for (let i = 0; i < 10; i++)
      model = model.respondWithTools([{ name: 'sales_summary', args: { from: '2024-01-01', to: '2024-12-31' } }]);
    const out = await s.engine.run(s.input(), model as unknown as AgentModel, 'fake');
    expect(model.callCount).toBe(config.modelCallLimit);
    expect(out.answer).toContain('лимит шагов');
  });

  it('stops when the client goes away', async () => {
    const s = setup(async () => SUMMARY);
    const controller = new AbortController();
    controller.abort();
    const model = fakeModel().respond(new AIMessage('never'));
    await expect(s.engine.run(s.input(controller.signal), model as unknown as AgentModel, 'fake')).rejects.toThrow();
    expect(model.callCount).toBe(0);
  });
});
