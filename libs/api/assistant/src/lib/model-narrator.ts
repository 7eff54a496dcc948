import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  checkFigures,
  type Narration,
  NarratorBinding,
  type ReportDraft,
  type ReportNarrator,
  reportNumbers,
  RulesNarrator,
  reportTypeDefinition,
} from '@crm/api/reports';
import type { ReportInsightResponse, ReportType } from '@crm/shared/contracts';
import { HumanMessage, SystemMessage } from 'langchain';
import { z } from 'zod';
import { AgentEngine } from './agent-engine';
import { ASSISTANT_CONFIG, type AssistantConfig } from './assistant-config';

/** What the model can be asked: anything with `invoke(messages)` (ChatOpenAI, `fakeModel()` in tests). */
export interface NarratorModel {
  invoke(messages: unknown[]): Promise<{ content: unknown }>;
}

const answerSchema = z.object({
  insights: z
    .array(
      z.object({
        tone: z.enum(['positive', 'negative', 'neutral']),
        text: z.string().min(1).max(600),
        textEn: z.string().min(1).max(600),
      }),
    )
    .min(1)
    .max(6),
});

/**
 * A report's conclusions written by the configured language model from the report's numbers. Every
 * figure it states (in the Russian and the English text) is parsed out and checked against the
 * report's data ({@link checkFigures}); an answer that is not JSON, names a number the report does
 * not have, or fails for any other reason is replaced by the rules' conclusions and the failure logged.
 */
export class ModelNarrator implements ReportNarrator {
  private readonly logger = new Logger('ModelNarrator');

  constructor(
    private readonly model: NarratorModel,
    private readonly rules: ReportNarrator,
    readonly name: string,
  ) {}

  async narrate(type: ReportType, draft: ReportDraft): Promise<Narration> {
    const fallback = async (reason: string): Promise<Narration> => {
      this.logger.warn(`Model conclusions for a ${type} report rejected (${reason}); the rules' text is used`);
      const insights = await this.rules.narrate(type, draft);
      return Array.isArray(insights) ? { insights, narrator: this.rules.name } : insights;
    };
    if (draft.summary.noData) {
      const insights = await this.rules.narrate(type, draft);
      return Array.isArray(insights) ? { insights, narrator: this.rules.name } : insights;
    }
    let raw: string;
    try {
      const reply = await this.model.invoke([
        new SystemMessage(narratorPrompt(type)),
        new HumanMessage(JSON.stringify({ summary: draft.summary, facts: draft.facts })),
      ]);
      raw = contentText(reply.content);
    } catch (error) {
      return fallback(`model call failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = answerSchema.safeParse(parseJson(raw));
    if (!parsed.success) return fallback('the answer is not the asked JSON');
    const numbers = reportNumbers(draft);
    const insights: ReportInsightResponse[] = [];
    for (const [i, item] of parsed.data.insights.entries()) {
      const ru = checkFigures(item.text, 'ru', numbers);
      const en = checkFigures(item.textEn, 'en', numbers);
      if (!ru.ok || !en.ok) {
        const bad = [...ru.unknown, ...en.unknown].map((f) => f.text).join(', ');
        return fallback(`figures not in the report: ${bad}`);
      }
      insights.push({
        code: `model-${i + 1}`,
        tone: item.tone,
        text: item.text,
        textEn: item.textEn,
        figures: Object.fromEntries(
          Object.entries({ ...ru.matched, ...en.matched }).map(([k, v], j) => [`n${j + 1}`, v] as const),
        ),
      });
    }
    return { insights, narrator: this.name };
  }
}

export function narratorPrompt(type: ReportType): string {
  return [
    "You write the conclusions of a CRM's sales report from its numbers (JSON from the user).",
    `The report is "${type}": focus on ${reportTypeDefinition(type).goal}.`,
    'Write 2 to 5 short conclusions, each in Russian (`text`) and in English (`textEn`).',
    'Use only figures present in the data, exactly or rounded (a ratio such as 0.123 may be written as 12.3%). Never compute sums, differences or other new numbers; never invent a figure.',
    'Format numbers for the language: Russian "1 234 567,89 ₽" and "12,3%", English "RUB 1,234,567.89" and "12.3%".',
    'Answer with JSON only: {"insights":[{"tone":"positive"|"negative"|"neutral","text":"…","textEn":"…"}]}',
  ].join('\n');
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content.map((p) => (typeof p === 'string' ? p : ((p as { text?: string }).text ?? ''))).join('');
  return '';
}

function parseJson(raw: string): unknown {
  const body = raw
    .trim()
    .replace(/^```(?:json)?\s*/u, '')
    .replace(/\s*```$/u, '');
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** Binds the model narrator to the reports' generator when a model is configured. */
@Injectable()
export class ModelNarratorSetup implements OnModuleInit {
  constructor(
    @Inject(ASSISTANT_CONFIG) private readonly config: AssistantConfig,
    private readonly binding: NarratorBinding,
    private readonly rules: RulesNarrator,
    private readonly agent: AgentEngine,
  ) {}

  onModuleInit(): void {
    if (!this.config.model) return;
    const model = this.agent.createModel() as unknown as NarratorModel;
    this.binding.bind(new ModelNarrator(model, this.rules, this.config.model.name));
  }
}
