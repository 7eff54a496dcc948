/**
 * A loopback OpenAI-compatible chat-completions server that replays the offline planner's tool calls,
 * so the real `@langchain/openai` path (tool calling, streaming, usage) runs in tests without a hosted
 * model. Each completion has a unique `id`; a streamed completion asked for `stream_options.include_usage`
 * ends with a usage chunk. It reads "today" and the language from the agent's system prompt, the
 * question from the last user message and the results so far from the tool messages after it.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { nextCalls, type PriorCall, render, understand } from '@crm/api/assistant';

interface OpenAiMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | { type: string; text?: string }[] | null;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

export interface LoopbackRequestLog {
  stream: boolean;
  includeUsage: boolean;
  tools: string[];
  id: string;
}

export interface LoopbackServer {
  url: string;
  requests: LoopbackRequestLog[];
  /** Scripted replies taking precedence over the planner (for limit and error tests). */
  script:
    ((messages: OpenAiMessage[]) => { content?: string; toolCalls?: { name: string; args: unknown }[] } | null) | null;
  close(): Promise<void>;
}

const text = (c: OpenAiMessage['content']) => (typeof c === 'string' ? c : (c ?? []).map((p) => p.text ?? '').join(''));

function reply(messages: OpenAiMessage[]): { content?: string; toolCalls?: { name: string; args: unknown }[] } {
  const system = text(messages.find((m) => m.role === 'system')?.content ?? '');
  const today = /Today is (\d{4}-\d{2}-\d{2})/.exec(system)?.[1] ?? new Date().toISOString().slice(0, 10);
  const locale = /Answer in Russian/.test(system) ? 'ru' : 'en';
  const lastUser = messages.map((m) => m.role).lastIndexOf('user');
  const question = text(messages[lastUser].content);
  const prior: PriorCall[] = [];
  const calls = new Map<string, { name: string; args: Record<string, unknown> }>();
  for (const m of messages.slice(lastUser + 1)) {
    for (const c of m.tool_calls ?? [])
      calls.set(c.id, { name: c.function.name, args: JSON.parse(c.function.arguments || '{}') });
    if (m.role === 'tool') {
      const call = calls.get(m.tool_call_id ?? '');
      const content = text(m.content);
      const ok = !content.startsWith('Error');
      prior.push({
        name: call?.name ?? 'unknown',
        args: call?.args ?? {},
        outcome: ok ? 'ok' : 'error',
        data: ok ? JSON.parse(content) : undefined,
        error: ok ? undefined : content,
      });
    }
  }
  const u = understand(question, today, locale);
  const next = nextCalls(u, prior);
  if (next) return { toolCalls: next.map((c) => ({ name: c.name, args: c.args })) };
  return { content: render(u, prior) };
}

export async function startLoopbackOpenAi(): Promise<LoopbackServer> {
  const requests: LoopbackRequestLog[] = [];
  const state: LoopbackServer = {
    url: '',
    requests,
    script: null,
    close: async () => {
      server.close();
      await once(server, 'close');
    },
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const id = `chatcmpl-${randomUUID()}`;
    const stream = body.stream === true;
    requests.push({
      stream,
      includeUsage: body.stream_options?.include_usage === true,
      tools: (body.tools ?? []).map((t: { function: { name: string } }) => t.function.name),
      id,
    });
    const out = state.script?.(body.messages) ?? reply(body.messages);
    const toolCalls = (out.toolCalls ?? []).map((c, index) => ({
      index,
      id: `call_${randomUUID().slice(0, 12)}`,
      type: 'function' as const,
      function: { name: c.name, arguments: JSON.stringify(c.args) },
    }));
    const content = out.content ?? '';
    const usage = {
      prompt_tokens: 100 + (JSON.stringify(body.messages).length % 50),
      completion_tokens: 10 + (content.length % 40),
      total_tokens: 0,
    };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    const created = Math.floor(Date.now() / 1000);
    const finish = toolCalls.length ? 'tool_calls' : 'stop';
    if (!stream) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model: body.model,
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: toolCalls.length ? null : content,
                ...(toolCalls.length ? { tool_calls: toolCalls.map(({ index: _i, ...c }) => c) } : {}),
              },
              finish_reason: finish,
            },
          ],
          usage,
        }),
      );
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    const send = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices, ...extra })}\n\n`,
      );
    send([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
    if (toolCalls.length) {
      send([{ index: 0, delta: { tool_calls: toolCalls }, finish_reason: null }]);
    } else {
      for (const piece of content.match(/[\s\S]{1,24}/gu) ?? [])
        send([{ index: 0, delta: { content: piece }, finish_reason: null }]);
    }
    send([{ index: 0, delta: {}, finish_reason: finish }]);
    if (body.stream_options?.include_usage) send([], { usage });
    res.write('data: [DONE]\n\n');
    res.end();
  };
  const server: Server = createServer((req, res) => void handle(req, res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  state.url = `http://127.0.0.1:${port}/v1`;
  return state;
}
