import { Injectable, NotFoundException } from '@nestjs/common';
import { type CompanyScope, TenantDatabase } from '@crm/api/core';
import {
  type AssistantActionResponse,
  type AssistantChartResponse,
  type AssistantConversationDetailResponse,
  type AssistantConversationResponse,
  type AssistantMessageResponse,
  type AssistantRecordResponse,
  type AssistantTableResponse,
  type AssistantToolCallResponse,
  coded,
} from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';
import type { HistoryMessage } from './engine';

interface ConversationRow {
  id: string;
  title: string;
  created_at: Date;
  updated_at: Date;
  input_tokens: string;
  output_tokens: string;
}

interface MessageRow {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  mode: string | null;
  tool_calls: AssistantToolCallResponse[];
  records: AssistantRecordResponse[];
  charts: AssistantChartResponse[];
  tables: AssistantTableResponse[];
  created_at: Date;
}

interface ActionRow {
  id: string;
  kind: AssistantActionResponse['kind'];
  client_id: string | null;
  client_name: string | null;
  payload: Record<string, unknown>;
  status: AssistantActionResponse['status'];
  result_id: string | null;
  created_at: Date;
}

const notFound = () => new NotFoundException(coded('conversation_not_found', 'Conversation not found'));

const toConversation = (r: ConversationRow): AssistantConversationResponse => ({
  id: r.id,
  title: r.title,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  inputTokens: Number(r.input_tokens),
  outputTokens: Number(r.output_tokens),
});

export const toAction = (r: ActionRow): AssistantActionResponse => ({
  id: r.id,
  kind: r.kind,
  clientId: r.client_id,
  clientName: r.client_name,
  payload: r.payload,
  status: r.status,
  resultId: r.result_id,
});

/**
 * Conversations of one user in one company, with their messages, token usage and proposed actions.
 * Every read and write runs in a tenant transaction and filters by company and user: another user's
 * or another company's conversation is "not found".
 */
@Injectable()
export class ConversationsService {
  constructor(private readonly tenantDb: TenantDatabase) {}

  async create(scope: CompanyScope, userId: string, title: string): Promise<string> {
    const [row] = await this.tenantDb.run(scope, (m) =>
      m.query(`INSERT INTO assistant_conversations (company_id, user_id, title) VALUES ($1, $2, $3) RETURNING id`, [
        scope.companyId,
        userId,
        title,
      ]),
    );
    return row.id;
  }

  /** 404 unless the conversation is this user's in this company. */
  async assertOwn(scope: CompanyScope, userId: string, id: string, m?: EntityManager): Promise<ConversationRow> {
    const work = (q: EntityManager) =>
      q.query(
        `SELECT id, title, created_at, updated_at, input_tokens, output_tokens FROM assistant_conversations
          WHERE company_id = $1 AND user_id = $2 AND id = $3`,
        [scope.companyId, userId, id],
      ) as Promise<ConversationRow[]>;
    const [row] = m ? await work(m) : await this.tenantDb.run(scope, work);
    if (!row) throw notFound();
    return row;
  }

  async list(scope: CompanyScope, userId: string): Promise<AssistantConversationResponse[]> {
    const rows: ConversationRow[] = await this.tenantDb.run(scope, (m) =>
      m.query(
        `SELECT id, title, created_at, updated_at, input_tokens, output_tokens FROM assistant_conversations
          WHERE company_id = $1 AND user_id = $2 ORDER BY updated_at DESC, id LIMIT 200`,
        [scope.companyId, userId],
      ),
    );
    return rows.map(toConversation);
  }

  async get(scope: CompanyScope, userId: string, id: string): Promise<AssistantConversationDetailResponse> {
    return this.tenantDb.run(scope, async (m) => {
      const conversation = await this.assertOwn(scope, userId, id, m);
      const messages: MessageRow[] = await m.query(
        `SELECT id, role, content, mode, tool_calls, records, charts, tables, created_at FROM assistant_messages
          WHERE company_id = $1 AND conversation_id = $2 ORDER BY created_at, id`,
        [scope.companyId, id],
      );
      const actions: (ActionRow & { message_id: string | null })[] = await m.query(
        `SELECT a.id, a.kind, a.client_id, c.name AS client_name, a.payload, a.status, a.result_id, a.created_at,
                (SELECT msg.id FROM assistant_messages msg WHERE msg.company_id = a.company_id
                   AND msg.conversation_id = a.conversation_id AND msg.role = 'assistant' AND msg.created_at >= a.created_at
                 ORDER BY msg.created_at LIMIT 1) AS message_id
           FROM assistant_actions a LEFT JOIN clients c ON c.company_id = a.company_id AND c.id = a.client_id
          WHERE a.company_id = $1 AND a.conversation_id = $2 ORDER BY a.created_at`,
        [scope.companyId, id],
      );
      return {
        ...toConversation(conversation),
        messages: messages.map((r): AssistantMessageResponse => ({
          id: r.id,
          role: r.role,
          content: r.content,
          mode: r.mode,
          toolCalls: r.tool_calls,
          records: r.records,
          charts: r.charts,
          tables: r.tables,
          actions: actions.filter((a) => a.message_id === r.id).map(toAction),
          createdAt: r.created_at.toISOString(),
        })),
      };
    });
  }

  async rename(scope: CompanyScope, userId: string, id: string, title: string): Promise<AssistantConversationResponse> {
    const [rows] = await this.tenantDb.run(scope, (m) =>
      m.query(
        `UPDATE assistant_conversations SET title = $4, updated_at = now()
          WHERE company_id = $1 AND user_id = $2 AND id = $3
          RETURNING id, title, created_at, updated_at, input_tokens, output_tokens`,
        [scope.companyId, userId, id, title],
      ),
    );
    if (!rows?.length) throw notFound();
    return toConversation(rows[0]);
  }

  async remove(scope: CompanyScope, userId: string, id: string): Promise<void> {
    const [, count] = await this.tenantDb.run(scope, (m) =>
      m.query(`DELETE FROM assistant_conversations WHERE company_id = $1 AND user_id = $2 AND id = $3`, [
        scope.companyId,
        userId,
        id,
      ]),
    );
    if (!count) throw notFound();
  }

  /** The last `limit` messages, oldest first, for the model's context. */
  async history(scope: CompanyScope, conversationId: string, limit = 10): Promise<HistoryMessage[]> {
    const rows: HistoryMessage[] = await this.tenantDb.run(scope, (m) =>
      m.query(
        `SELECT role, content FROM (
           SELECT role, content, created_at, id FROM assistant_messages WHERE company_id = $1 AND conversation_id = $2
           ORDER BY created_at DESC, id DESC LIMIT $3) t ORDER BY created_at, id`,
        [scope.companyId, conversationId, limit],
      ),
    );
    return rows;
  }

  async addUserMessage(scope: CompanyScope, conversationId: string, content: string): Promise<void> {
    await this.tenantDb.run(scope, (m) =>
      m.query(
        `INSERT INTO assistant_messages (company_id, conversation_id, role, content) VALUES ($1, $2, 'user', $3)`,
        [scope.companyId, conversationId, content],
      ),
    );
  }

  async addAssistantMessage(
    scope: CompanyScope,
    conversationId: string,
    message: {
      content: string;
      mode: string;
      toolCalls: AssistantToolCallResponse[];
      records: AssistantRecordResponse[];
      charts: AssistantChartResponse[];
      tables: AssistantTableResponse[];
      usage: { inputTokens: number; outputTokens: number };
    },
  ): Promise<string> {
    return this.tenantDb.run(scope, async (m) => {
      const [row] = await m.query(
        `INSERT INTO assistant_messages (company_id, conversation_id, role, content, mode, tool_calls, records, charts, tables, input_tokens, output_tokens)
         VALUES ($1, $2, 'assistant', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          scope.companyId,
          conversationId,
          message.content,
          message.mode,
          JSON.stringify(message.toolCalls),
          JSON.stringify(message.records),
          JSON.stringify(message.charts),
          JSON.stringify(message.tables),
          message.usage.inputTokens,
          message.usage.outputTokens,
        ],
      );
      await m.query(
        `UPDATE assistant_conversations SET input_tokens = input_tokens + $3, output_tokens = output_tokens + $4, updated_at = now()
          WHERE company_id = $1 AND id = $2`,
        [scope.companyId, conversationId, message.usage.inputTokens, message.usage.outputTokens],
      );
      return row.id as string;
    });
  }
}
