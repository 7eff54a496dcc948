import { Injectable } from '@nestjs/common';
import { AssistantTools } from './assistant-tools';
import { type EngineInput, type EngineOutput, textChunks } from './engine';
import { nextCalls, type PriorCall, render, understand } from './planner';

/** At most this many planner rounds per question. */
const MAX_ROUNDS = 4;

/** Answers without a model: the deterministic planner over the same tools, with the same audit. */
@Injectable()
export class OfflineEngine {
  constructor(private readonly tools: AssistantTools) {}

  async run(input: EngineInput): Promise<EngineOutput> {
    const { ctx, sink, signal } = input;
    const u = understand(input.question, input.today, input.locale);
    const prior: PriorCall[] = [];
    for (let round = 0; round < MAX_ROUNDS && !signal.aborted; round++) {
      const calls = nextCalls(u, prior);
      if (!calls) break;
      for (const planned of calls) {
        const spec = this.tools.spec(planned.name);
        sink.toolStart(
          planned.name,
          planned.args,
          spec ? spec.label(planned.args as never, input.locale) : planned.name,
        );
        const call = await this.tools.execute(planned.name, planned.args, ctx, signal);
        sink.toolEnd(call);
        prior.push({
          name: call.name,
          args: call.args,
          outcome: call.outcome,
          data: call.result?.data,
          error: call.error,
        });
      }
    }
    const answer = render(u, prior);
    for (const chunk of textChunks(answer)) {
      if (signal.aborted) break;
      sink.text(chunk);
    }
    return { answer, mode: 'offline', usage: { inputTokens: 0, outputTokens: 0 } };
  }
}
