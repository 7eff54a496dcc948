import type {
  AssistantActionResponse,
  AssistantChartResponse,
  AssistantLocale,
  AssistantRecordResponse,
  AssistantTableResponse,
} from '@crm/shared/contracts';
import type { CompanyScope } from '@crm/api/core';
import type { z } from 'zod';

/**
 * Who a run acts for. It comes from the authenticated request only (the agent's `contextSchema`),
 * never from the model: no tool schema has a company, user or role field.
 */
export interface AssistantRunContext {
  companyId: string;
  userId: string;
  role: string;
  locale: AssistantLocale;
  conversationId: string;
  /** `offline` or the model's name, for the audit trail. */
  mode: string;
}

/** The tenant scope of a run: the company, user and role of the authenticated request. */
export const scopeOf = (ctx: AssistantRunContext): CompanyScope => ({
  companyId: ctx.companyId,
  userId: ctx.userId,
  role: ctx.role as CompanyScope['role'],
});

/** What a tool gives back: compact JSON for the model plus the records, chart and proposal it produced. */
export interface ToolResult {
  data: Record<string, unknown>;
  records: AssistantRecordResponse[];
  chart?: AssistantChartResponse;
  tables?: AssistantTableResponse[];
  action?: AssistantActionResponse;
}

export interface AssistantToolSpec<S extends z.ZodObject = z.ZodObject> {
  name: string;
  /** Written for a model: what it answers, units, currency, dates. */
  description: string;
  schema: S;
  /** The step in words, in the answer's language ("посмотрел выручку по месяцам за 2024 год"). */
  label(args: z.infer<S>, locale: AssistantLocale): string;
  run(args: z.infer<S>, ctx: AssistantRunContext, signal: AbortSignal): Promise<ToolResult>;
  /** ms; default {@link DEFAULT_TOOL_TIMEOUT_MS}. */
  timeoutMs?: number;
}

export const DEFAULT_TOOL_TIMEOUT_MS = 20_000;

/** A tool failure the model (or the offline planner) can recover from: a short sentence, never a stack. */
export class ToolFailure extends Error {
  constructor(
    message: string,
    readonly kind: 'invalid' | 'not_found' | 'timeout' | 'failed' | 'aborted',
  ) {
    super(message);
  }
}

/** One executed call as the run records it. */
export interface ExecutedCall {
  name: string;
  args: Record<string, unknown>;
  label: string;
  outcome: 'ok' | 'error';
  result?: ToolResult;
  error?: string;
}
