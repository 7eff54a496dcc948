import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantSecurity, enableTenantSecurity } from './tenant-security';

const TABLES = ['assistant_conversations', 'assistant_messages', 'assistant_tool_calls', 'assistant_actions'];

/**
 * The assistant: conversations of a user in a company with their messages and token usage, the
 * audit trail of every tool call (who, which tool, arguments, outcome), and the writes the assistant
 * proposed, carried out only when the user confirms them. Every key starts with `company_id`;
 * every table is under the tenant policy.
 */
export class Assistant1764540000000 implements MigrationInterface {
  name = 'Assistant1764540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assistant_conversations (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        title text NOT NULL,
        input_tokens bigint NOT NULL DEFAULT 0,
        output_tokens bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, id)
      )`);
    await q.query(
      `CREATE INDEX assistant_conversations_user_idx ON assistant_conversations (company_id, user_id, updated_at DESC)`,
    );
    await q.query(`
      CREATE TABLE assistant_messages (
        company_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('user', 'assistant')),
        content text NOT NULL,
        mode text,
        tool_calls jsonb NOT NULL DEFAULT '[]',
        records jsonb NOT NULL DEFAULT '[]',
        charts jsonb NOT NULL DEFAULT '[]',
        input_tokens integer NOT NULL DEFAULT 0,
        output_tokens integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (company_id, id),
        FOREIGN KEY (company_id, conversation_id) REFERENCES assistant_conversations (company_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX assistant_messages_conversation_idx ON assistant_messages (company_id, conversation_id, created_at)`,
    );
    // The audit trail outlives the conversation: no foreign key to it.
    await q.query(`
      CREATE TABLE assistant_tool_calls (
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        conversation_id uuid,
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        tool text NOT NULL,
        args jsonb NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('ok', 'error')),
        error text,
        duration_ms integer NOT NULL,
        mode text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (company_id, id)
      )`);
    await q.query(`CREATE INDEX assistant_tool_calls_time_idx ON assistant_tool_calls (company_id, created_at)`);
    await q.query(`
      CREATE TABLE assistant_actions (
        company_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('add_note', 'add_interaction')),
        client_id uuid NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'confirmed', 'cancelled')),
        result_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        PRIMARY KEY (company_id, id),
        FOREIGN KEY (company_id, conversation_id) REFERENCES assistant_conversations (company_id, id) ON DELETE CASCADE,
        FOREIGN KEY (company_id, client_id) REFERENCES clients (company_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX assistant_actions_conversation_idx ON assistant_actions (company_id, conversation_id)`);
    for (const table of TABLES) await enableTenantSecurity(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      await disableTenantSecurity(q, table);
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
