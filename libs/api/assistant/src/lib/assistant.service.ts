import { ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { IndicatorsService } from '@crm/api/analytics';
import { InteractionsService, NotesService } from '@crm/api/clients';
import { TasksService } from '@crm/api/deals';
import { ReportsService } from '@crm/api/reports';
import {
  type AuthenticatedUser,
  type CompanyScope,
  RateLimiter,
  TenantDatabase,
  TooManyRequestsException,
} from '@crm/api/core';
import {
  type AssistantActionResponse,
  type AssistantChartResponse,
  type AssistantChatDto,
  type AssistantChatResponse,
  type AssistantLocale,
  type AssistantRecordResponse,
  type AssistantTableResponse,
  type AssistantToolCallResponse,
  coded,
  type InteractionType,
  type ReportType,
  type TaskType,
} from '@crm/shared/contracts';
import { AgentEngine } from './agent-engine';
import { ASSISTANT_CONFIG, type AssistantConfig } from './assistant-config';
import { ConversationsService, toAction } from './conversations.service';
import type { EngineOutput, RunSink } from './engine';
import { OfflineEngine } from './offline-engine';
import { detectLocale } from './planner';
import type { AssistantRunContext, ExecutedCall } from './tool-types';

/** The events of a run, as `chat/stream` sends them. */
export interface ChatEvents {
  start?(e: { conversationId: string; mode: string }): void;
  tool?(e: { name: string; args: Record<string, unknown>; label: string }): void;
  toolResult?(e: { name: string; label: string; outcome: 'ok' | 'error'; records: AssistantRecordResponse[] }): void;
  text?(delta: string): void;
  chart?(chart: AssistantChartResponse): void;
  table?(table: AssistantTableResponse): void;
  action?(action: AssistantActionResponse): void;
}

export interface PreparedChat {
  conversationId: string;
  locale: AssistantLocale;
  history: { role: 'user' | 'assistant'; content: string }[];
}

/**
 * One question, end to end: the per-user rate limit, the conversation, the engine (the model when
 * one is configured, the offline planner otherwise or when the model fails before answering), and
 * the stored answer with its tool calls, cited records, charts and token usage.
 */
@Injectable()
export class AssistantService {
  private readonly logger = new Logger('Assistant');
  private readonly limiter: RateLimiter;

  constructor(
    @Inject(ASSISTANT_CONFIG) private readonly config: AssistantConfig,
    private readonly conversations: ConversationsService,
    private readonly offline: OfflineEngine,
    private readonly agent: AgentEngine,
    private readonly indicators: IndicatorsService,
    private readonly notes: NotesService,
    private readonly interactions: InteractionsService,
    private readonly reports: ReportsService,
    private readonly tasks: TasksService,
    private readonly tenantDb: TenantDatabase,
  ) {
    this.limiter = new RateLimiter(config.rateLimitPerMinute);
  }

  get mode(): string {
    return this.agent.modelName ?? 'offline';
  }

  /** Everything that can fail with a plain HTTP error, before a stream starts: 429, 404. */
  async prepare(scope: CompanyScope, user: AuthenticatedUser, dto: AssistantChatDto): Promise<PreparedChat> {
    const decision = this.limiter.hit(`${scope.companyId}:${user.id}`);
    if (!decision.allowed) {
      throw new TooManyRequestsException(
        `Too many questions; retry in ${decision.retryAfterSeconds} s`,
        decision.retryAfterSeconds,
      );
    }
    const locale = dto.locale ?? detectLocale(dto.message);
    let conversationId = dto.conversationId;
    let history: PreparedChat['history'] = [];
    if (conversationId) {
      await this.conversations.assertOwn(scope, user.id, conversationId);
      history = await this.conversations.history(scope, conversationId);
    } else {
      const title = dto.message.replace(/\s+/g, ' ').trim().slice(0, 80);
      conversationId = await this.conversations.create(scope, user.id, title);
    }
    await this.conversations.addUserMessage(scope, conversationId, dto.message);
    return { conversationId, locale, history };
  }

  async run(
    scope: CompanyScope,
    user: AuthenticatedUser,
    dto: AssistantChatDto,
    prepared: PreparedChat,
    events: ChatEvents,
    signal: AbortSignal,
  ): Promise<AssistantChatResponse> {
    const today = await this.indicators.read(scope, undefined, async (c) => c.company.today);
    const calls: ExecutedCall[] = [];
    const text: string[] = [];
    const sink: RunSink = {
      toolStart: (name, args, label) => events.tool?.({ name, args, label }),
      toolEnd: (call) => {
        calls.push(call);
        events.toolResult?.({
          name: call.name,
          label: call.label,
          outcome: call.outcome,
          records: call.result?.records ?? [],
        });
        if (call.result?.chart) events.chart?.(call.result.chart);
        for (const table of call.result?.tables ?? []) events.table?.(table);
        if (call.result?.action) events.action?.(call.result.action);
      },
      text: (delta) => {
        text.push(delta);
        events.text?.(delta);
      },
    };
    const ctx = (mode: string): AssistantRunContext => ({
      companyId: scope.companyId,
      userId: user.id,
      role: scope.role ?? 'member',
      locale: prepared.locale,
      conversationId: prepared.conversationId,
      mode,
    });
    const input = (mode: string) => ({
      question: dto.message,
      history: prepared.history,
      ctx: ctx(mode),
      today,
      locale: prepared.locale,
      sink,
      signal,
    });
    events.start?.({ conversationId: prepared.conversationId, mode: this.mode });
    let output: EngineOutput;
    if (this.agent.modelName) {
      try {
        output = await this.agent.run(input(this.agent.modelName));
      } catch (error) {
        if (signal.aborted) throw error;
        this.logger.warn(
          `Model run failed (${error instanceof Error ? error.message : String(error)}); answering offline`,
        );
        if (text.length) throw error;
        output = await this.offline.run(input('offline'));
      }
    } else {
      output = await this.offline.run(input('offline'));
    }
    const toolCalls: AssistantToolCallResponse[] = calls.map((c) => ({
      name: c.name,
      args: c.args,
      label: c.label,
      outcome: c.outcome,
    }));
    const records = dedupe(calls.flatMap((c) => c.result?.records ?? []));
    const charts = calls.flatMap((c) => (c.result?.chart ? [c.result.chart] : []));
    const tables = calls.flatMap((c) => c.result?.tables ?? []);
    const actions = calls.flatMap((c) => (c.result?.action ? [c.result.action] : []));
    const messageId = await this.conversations.addAssistantMessage(scope, prepared.conversationId, {
      content: output.answer,
      mode: output.mode,
      toolCalls,
      records,
      charts,
      tables,
      usage: output.usage,
    });
    return {
      conversationId: prepared.conversationId,
      messageId,
      answer: output.answer,
      toolCalls,
      mode: output.mode,
      records,
      charts,
      tables,
      actions,
      usage: output.usage,
    };
  }

  /**
   * Carries out a proposed write through the owning service (notes, interactions, reports, tasks) with the
   * confirming user's scope, so the same checks and rights apply as on the normal routes.
   */
  async decide(
    scope: CompanyScope,
    user: AuthenticatedUser,
    actionId: string,
    decision: 'confirm' | 'cancel',
  ): Promise<AssistantActionResponse> {
    const [row] = await this.tenantDb.run(scope, (m) =>
      m.query(
        `SELECT a.id, a.kind, a.client_id, c.name AS client_name, a.payload, a.status, a.result_id, a.created_at
           FROM assistant_actions a LEFT JOIN clients c ON c.company_id = a.company_id AND c.id = a.client_id
          WHERE a.company_id = $1 AND a.user_id = $2 AND a.id = $3`,
        [scope.companyId, user.id, actionId],
      ),
    );
    if (!row) throw new NotFoundException(coded('action_not_found', 'Action not found'));
    if (row.status !== 'proposed') {
      throw new ConflictException(coded('action_already_decided', `The action is already ${row.status}`));
    }
    let resultId: string | null = null;
    if (decision === 'confirm') {
      const p = row.payload as Record<string, string>;
      if (row.kind === 'create_report') {
        resultId = (
          await this.reports.create(scope, {
            type: p['type'] as ReportType,
            from: p['from'],
            to: p['to'],
            title: p['title'],
          })
        ).id;
      } else if (row.kind === 'create_task') {
        // The deal or client is checked again now, in the confirming user's company.
        resultId = (
          await this.tasks.create(scope, {
            title: p['title'],
            type: p['type'] as TaskType,
            dueAt: p['dueAt'],
            ...(p['dealId'] ? { dealId: p['dealId'] } : {}),
            ...(row.client_id ? { clientId: row.client_id } : {}),
          })
        ).id;
      } else if (row.kind === 'add_note') {
        resultId = (await this.notes.create(scope, row.client_id, user, { text: p['text'] })).id;
      } else {
        resultId = (
          await this.interactions.create(scope, row.client_id, user, {
            type: p['type'] as InteractionType,
            summary: p['summary'],
            occurredAt: p['occurredAt'],
          })
        ).id;
      }
    }
    const status = decision === 'confirm' ? 'confirmed' : 'cancelled';
    const [updated] = await this.tenantDb.run(scope, (m) =>
      m.query(
        `UPDATE assistant_actions SET status = $3, result_id = $4, decided_at = now()
          WHERE company_id = $1 AND id = $2 AND status = 'proposed' RETURNING id`,
        [scope.companyId, actionId, status, resultId],
      ),
    );
    if (!updated?.length)
      throw new ConflictException(coded('action_already_decided', 'The action was decided meanwhile'));
    return toAction({ ...row, status, result_id: resultId });
  }
}

function dedupe(records: AssistantRecordResponse[]): AssistantRecordResponse[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    const key = `${r.kind}:${r.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
