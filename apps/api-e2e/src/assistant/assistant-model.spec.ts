import { type ApiProcess, startApi } from '../support/api-process';
import { api } from '../support/client';
import { type ChatBody, evaluationSet } from './expected';
import { evalContext } from './eval-context';
import { type LoopbackServer, startLoopbackOpenAi } from './loopback-openai';
import { seedCompany } from './seed';
import { streamChat } from './sse';

/**
 * The same evaluation set through the real model path: `createAgent` + `ChatOpenAI` against a
 * loopback OpenAI-compatible server that replays the planner's tool calls — once with streamed
 * completions (the chat route), once with whole completions (the SSE route).
 */
describe('assistant evaluation set through ChatOpenAI and a loopback server', () => {
  let loopback: LoopbackServer;
  const processes: ApiProcess[] = [];

  const startWithModel = async (extra: Record<string, string>) => {
    const p = await startApi({
      DATABASE_URL: process.env['E2E_DATABASE_URL']!,
      CRM_DATA_DIR: process.env['E2E_DATA_DIR']!,
      DB_POOL_SIZE: process.env['TEST_DATABASE_URL'] ? '4' : '1',
      AUTH_RATE_LIMIT: '100000',
      ASSISTANT_RATE_LIMIT: '100000',
      OPENAI_BASE_URL: loopback.url,
      OPENAI_MODEL: 'loopback-model',
      ...extra,
    });
    processes.push(p);
    return p;
  };

  beforeAll(async () => {
    loopback = await startLoopbackOpenAi();
  });
  afterAll(async () => {
    for (const p of processes) await p.stop();
    await loopback.close();
  });

  it('answers at least 95% correctly with streamed and with whole completions, unique ids, usage recorded', async () => {
    const streaming = await startWithModel({});
    const whole = await startWithModel({ OPENAI_STREAMING: 'false' });
    const s = await seedCompany();
    const ctx = await evalContext(s);
    const cases = evaluationSet(ctx);
    const report: string[] = [];
    let conversationId = '';
    for (const [name, p] of [
      ['streamed completions, POST chat', streaming],
      ['whole completions, POST chat/stream', whole],
    ] as const) {
      const failures: string[] = [];
      const before = loopback.requests.length;
      for (const c of cases) {
        let body: ChatBody;
        if (p === streaming) {
          const res = await fetch(`${p.url}${s.url('assistant/chat')}`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${s.owner.accessToken}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ message: c.q }),
          });
          body = await res.json();
          if (res.status !== 200) {
            failures.push(`${c.q}: HTTP ${res.status}`);
            continue;
          }
        } else {
          const res = await streamChat(`${p.url}${s.url('assistant/chat/stream')}`, s.owner.accessToken, {
            message: c.q,
          });
          const done = res.events.find((e) => e.event === 'done');
          if (!done) {
            failures.push(`${c.q}: no done event (${res.status})`);
            continue;
          }
          body = done.data;
          const streamed = res.events
            .filter((e) => e.event === 'text')
            .map((e) => e.data.delta)
            .join('');
          if (streamed !== body.answer) failures.push(`${c.q}: streamed text differs from the answer`);
        }
        expect(body.mode).toBe('loopback-model');
        conversationId = (body as unknown as { conversationId: string }).conversationId;
        const problem = c.check(body);
        if (problem) failures.push(`${c.q}: ${problem}`);
      }
      const used = loopback.requests.slice(before);
      expect(used.every((r) => r.stream === (p === streaming))).toBe(true);
      if (p === streaming) expect(used.every((r) => r.includeUsage)).toBe(true);
      expect(used[0].tools).toEqual(expect.arrayContaining(['sales_summary', 'find_clients', 'propose_note']));
      const score = (cases.length - failures.length) / cases.length;
      report.push(
        `${name}: ${cases.length - failures.length}/${cases.length} (${(score * 100).toFixed(1)}%)\n${failures.join('\n')}`,
      );
      expect(score).toBeGreaterThanOrEqual(0.95);
    }
    console.log(report.join('\n'));
    expect(new Set(loopback.requests.map((r) => r.id)).size).toBe(loopback.requests.length);
    // Token usage is kept per conversation.
    const conv = await api()
      .get(s.url(`assistant/conversations/${conversationId}`))
      .set(s.owner.auth)
      .expect(200);
    expect(conv.body.inputTokens).toBeGreaterThan(0);
    expect(conv.body.outputTokens).toBeGreaterThan(0);
  }, 900_000);
});
