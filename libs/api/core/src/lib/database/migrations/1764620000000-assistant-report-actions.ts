import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The assistant may propose building a report (`create_report`): such an action names no client, so
 * `client_id` becomes nullable and the kind check is widened; the other kinds still need a client.
 */
export class AssistantReportActions1764620000000 implements MigrationInterface {
  name = 'AssistantReportActions1764620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assistant_actions DROP CONSTRAINT IF EXISTS assistant_actions_kind_check`);
    await q.query(`ALTER TABLE assistant_actions ALTER COLUMN client_id DROP NOT NULL`);
    await q.query(
      `ALTER TABLE assistant_actions ADD CONSTRAINT assistant_actions_kind_check
         CHECK (kind IN ('add_note', 'add_interaction', 'create_report'))`,
    );
    await q.query(
      `ALTER TABLE assistant_actions ADD CONSTRAINT assistant_actions_client_check
         CHECK (kind = 'create_report' OR client_id IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM assistant_actions WHERE kind = 'create_report'`);
    await q.query(`ALTER TABLE assistant_actions DROP CONSTRAINT assistant_actions_client_check`);
    await q.query(`ALTER TABLE assistant_actions DROP CONSTRAINT assistant_actions_kind_check`);
    await q.query(`ALTER TABLE assistant_actions ALTER COLUMN client_id SET NOT NULL`);
    await q.query(
      `ALTER TABLE assistant_actions ADD CONSTRAINT assistant_actions_kind_check
         CHECK (kind IN ('add_note', 'add_interaction'))`,
    );
  }
}
