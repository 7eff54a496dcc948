import { type ApiProcess, startApi } from '../support/api-process';
import { api, registerUser, type TestUser } from '../support/client';
import { createApiKey, pushClients } from '../support/crm';
import { dbQuery } from './db';
import { type LoopbackServer, startLoopbackOpenAi } from './loopback-openai';
import { streamChat } from './sse';

/**
 * The model path's guards, with a loopback OpenAI-compatible server scripted to misbehave: tool
 * arguments naming another company's records, a model that never stops calling tools, a broken
 * tool call, a client that disconnects, and the per-user rate limit.
 */
describe('assistant with a model: limits, tool errors, tenancy', () => {
  let loopback: LoopbackServer;
  let p: ApiProcess;
  const toolMessages: string[] = [];

  beforeAll(async () => {
    loopback = await startLoopbackOpenAi();
    p = await startApi({
      DATABASE_URL: process.env['E2E_DATABASE_URL']!,
      CRM_DATA_DIR: process.env['E2E_DATA_DIR']!,
      DB_POOL_SIZE: process.env['TEST_DATABASE_URL'] ? '4' : '1',
      AUTH_RATE_LIMIT: '100000',
      ASSISTANT_RATE_LIMIT: '5',
      ASSISTANT_MODEL_CALL_LIMIT: '3',
      OPENAI_BASE_URL: loopback.url,
      OPENAI_MODEL: 'scripted',
    });
  }, 120_000);
  afterAll(async () => {
    await p?.stop();
    await loopback?.close();
  });
  afterEach(() => {
    loopback.script = null;
  });

  const ask = (u: TestUser, message: string) =>
    fetch(`${p.url}/api/companies/${u.companyId}/assistant/chat`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${u.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ message }),
    });

  /** Replies with `calls` while no tool answered yet, then with the tool results echoed back. */
  const scriptOnce = (calls: { name: string; args: unknown }[]) => {
    loopback.script = (messages) => {
      const tools = messages.filter((m) => m.role === 'tool');
      if (!tools.length) return { toolCalls: calls };
      toolMessages.push(...tools.map((m) => String(m.content)));
      return { content: `results: ${tools.map((m) => String(m.content)).join(' | ')}` };
    };
  };

  it("never reads another company's records named in tool arguments", async () => {
    const a = await registerUser('ООО А');
    const keyA = (await createApiKey(a)).key;
    await pushClients(keyA, [{ externalId: 'A-1', name: 'Секретный клиент А', email: 'secret@a.ru' }]).expect(200);
    const list = await api().get(`/api/companies/${a.companyId}/clients`).set(a.auth).expect(200);
    const secretId = list.body.items[0].id;
    const b = await registerUser('ООО Б');

    scriptOnce([
      { name: 'client_profile', args: { clientId: secretId } },
      { name: 'product_recommendations', args: { clientId: secretId } },
      { name: 'propose_note', args: { clientId: secretId, text: 'x' } },
      { name: 'sales_summary', args: { from: '2024-01-01', to: '2024-12-31', companyId: a.companyId } },
    ]);
    const res = await ask(b, `Покажи клиента ${secretId} компании ${a.companyId}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.mode).toBe('scripted');
    expect(body.answer).not.toContain('Секретный');
    expect(body.answer).not.toContain('secret@a.ru');
    // The four calls run concurrently, so they may finish in any order: each by its tool.
    expect(body.toolCalls).toHaveLength(4);
    const outcomes = Object.fromEntries(
      body.toolCalls.map((c: { name: string; outcome: string }) => [c.name, c.outcome]),
    );
    expect(outcomes).toEqual({
      client_profile: 'error',
      product_recommendations: 'error',
      propose_note: 'error',
      sales_summary: 'ok',
    });
    expect(body.records).toEqual([]);
    expect(body.actions).toEqual([]);
    const audit = await dbQuery<{ tool: string; outcome: string; company_id: string }>(
      `SELECT tool, outcome, company_id FROM assistant_tool_calls WHERE user_id = $1`,
      [b.id],
    );
    expect(audit).toHaveLength(4);
    expect(audit.every((r) => r.company_id === b.companyId)).toBe(true);
    const stored = await dbQuery(`SELECT 1 FROM assistant_actions WHERE client_id = $1`, [secretId]);
    expect(stored).toEqual([]);
  });

  it('gives the model short recoverable tool errors, never a stack', async () => {
    const u = await registerUser();
    toolMessages.length = 0;
    scriptOnce([
      { name: 'sales_summary', args: { from: 'вчера', to: '2024-12-31' } },
      { name: 'no_such_tool', args: {} },
      { name: 'sales_summary', args: { from: '2024-12-31', to: '2024-01-01' } },
    ]);
    const body = await (await ask(u, 'выручка')).json();
    expect(body.answer).toMatch(/^results: /);
    expect(toolMessages).toHaveLength(3);
    for (const m of toolMessages) {
      expect(m).toMatch(/^Error/);
      // Short: one sentence (LangChain's unknown-tool message lists the 15 tool names, ~310 characters).
      expect(m.length).toBeLessThan(400);
      expect(m).not.toMatch(/\.ts:\d|\n\s+at |SELECT|QueryFailedError/);
    }
    expect(toolMessages[2]).toContain('from');
  });

  it('ends a run at the model-call limit', async () => {
    const u = await registerUser();
    let calls = 0;
    loopback.script = () => {
      calls++;
      return { toolCalls: [{ name: 'customer_segments', args: {} }] };
    };
    const body = await (await ask(u, 'Зацикленный вопрос')).json();
    expect(calls).toBe(3);
    expect(body.answer).toContain('лимит шагов');
    expect(body.toolCalls.length).toBeLessThanOrEqual(3);
  });

  it('stops the run when the client disconnects from the stream', async () => {
    const u = await registerUser();
    let calls = 0;
    loopback.script = () => {
      calls++;
      return { toolCalls: [{ name: 'customer_segments', args: {} }] };
    };
    const controller = new AbortController();
    const res = await fetch(`${p.url}/api/companies/${u.companyId}/assistant/chat/stream`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${u.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'Долгий вопрос' }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    let seen = '';
    while (!seen.includes('event: tool')) seen += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const atAbort = calls;
    await new Promise((r) => setTimeout(r, 1500));
    expect(calls).toBeLessThanOrEqual(atAbort + 1);
    const conversations = await api()
      .get(`/api/companies/${u.companyId}/assistant/conversations`)
      .set(u.auth)
      .expect(200);
    const conv = await api()
      .get(`/api/companies/${u.companyId}/assistant/conversations/${conversations.body.items[0].id}`)
      .set(u.auth)
      .expect(200);
    expect(conv.body.messages.map((m: { role: string }) => m.role)).toEqual(['user']);
  });

  it('limits questions per user with 429 and Retry-After', async () => {
    const u = await registerUser();
    loopback.script = () => ({ content: 'ok' });
    for (let i = 0; i < 5; i++) expect((await ask(u, `вопрос ${i}`)).status).toBe(200);
    const limited = await ask(u, 'ещё');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const stream = await streamChat(`${p.url}/api/companies/${u.companyId}/assistant/chat/stream`, u.accessToken, {
      message: 'ещё',
    });
    expect(stream.status).toBe(429);
    // Another user is not affected.
    expect((await ask(await registerUser(), 'вопрос')).status).toBe(200);
  });
});
