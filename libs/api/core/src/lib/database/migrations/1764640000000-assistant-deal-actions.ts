import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The assistant's deal tools: it may propose a task (`create_task`, on a client, a deal or neither,
 * so `client_id` may be null for it as for a report), and an answer may carry tables (pipeline by
 * stage and by close month, stuck deals), kept with the message like its charts.
 */
export class AssistantDealActions1764640000000 implements MigrationInterface {
  name = 'AssistantDealActions1764640000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assistant_actions DROP CONSTRAINT assistant_actions_kind_check`);
    await q.query(`ALTER TABLE assistant_actions DROP CONSTRAINT assistant_actions_client_check`);
    await q.query(
      `ALTER TABLE assistant_actions ADD CONSTRAINT assistant_actions_kind_check
         CHECK (kind IN ('add_note', 'add_interaction', 'create_report', 'create_task'))`,
    );
    await q.query(
      `ALTER TABLE assistant_actions ADD CONSTRAINT assistant_actions_client_check
         CHECK (kind IN ('create_report', 'create_task') OR client_id IS NOT NULL)`,
    );
    await q.query(`ALTER TABLE assistant_messages ADD COLUMN tables jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assistant_messages DROP COLUMN tables`);
    await q.query(`DELETE FROM assistant_actions WHERE kind = 'create_task'`);
    await q.query(`ALTER TABLE assistant_actions DROP CONSTRAINT assistant_actions_client_check`);
    await q.query(`ALTER TABLE assistant_actions DROP CONSTRAINT assistant_actions_kind_check`);
    await q.query(
      `ALTER TABLE assistant_actions ADD CONSTRAINT assistant_actions_kind_check
         CHECK (kind IN ('add_note', 'add_interaction', 'create_report'))`,
    );
    await q.query(
      `ALTER TABLE assistant_actions ADD CONSTRAINT assistant_actions_client_check
         CHECK (kind = 'create_report' OR client_id IS NOT NULL)`,
    );
  }
}
