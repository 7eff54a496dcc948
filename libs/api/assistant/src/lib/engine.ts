import type { AssistantLocale } from '@crm/shared/contracts';
import type { AssistantRunContext, ExecutedCall } from './tool-types';

/** What a run reports as it goes: the controller turns these into SSE events. */
export interface RunSink {
  toolStart(name: string, args: Record<string, unknown>, label: string): void;
  toolEnd(call: ExecutedCall): void;
  text(delta: string): void;
}

export interface HistoryMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface EngineInput {
  question: string;
  history: HistoryMessage[];
  ctx: AssistantRunContext;
  today: string;
  locale: AssistantLocale;
  sink: RunSink;
  signal: AbortSignal;
}

export interface EngineOutput {
  answer: string;
  mode: string;
  usage: { inputTokens: number; outputTokens: number };
}

/** Splits an answer into word-sized pieces so an offline answer streams like a model's. */
export function* textChunks(text: string, size = 3): Generator<string> {
  const words = text.split(/(?<=\s)/u);
  for (let i = 0; i < words.length; i += size) yield words.slice(i, i + size).join('');
}
