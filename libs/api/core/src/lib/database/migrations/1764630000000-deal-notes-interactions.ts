import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notes and interactions on a deal (issue 13): the client's `notes` and `interactions` get a
 * nullable `deal_id`. An entry on a deal is still an entry on the deal's client (its `client_id`
 * is the deal's client when written), so the client's timeline shows it with a link to the deal.
 *
 * The foreign key `(company_id, deal_id)` → `deals` keeps entries inside their company, and
 * `ON DELETE SET NULL (deal_id)` keeps them when the deal is deleted: a call that happened is a
 * fact about the client (it moved the client's `lastInteractionAt`), so it stays on the client's
 * timeline, only without the deal (ADR 0008). Only `deal_id` is cleared, never `company_id`.
 */
export class DealNotesInteractions1764630000000 implements MigrationInterface {
  name = 'DealNotesInteractions1764630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notes ADD COLUMN deal_id uuid`);
    await q.query(
      `ALTER TABLE notes ADD CONSTRAINT notes_deal_fkey FOREIGN KEY (company_id, deal_id)
         REFERENCES deals (company_id, id) ON DELETE SET NULL (deal_id)`,
    );
    await q.query(
      `CREATE INDEX notes_deal_idx ON notes (company_id, deal_id, created_at DESC, id) WHERE deal_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE interactions ADD COLUMN deal_id uuid`);
    await q.query(
      `ALTER TABLE interactions ADD CONSTRAINT interactions_deal_fkey FOREIGN KEY (company_id, deal_id)
         REFERENCES deals (company_id, id) ON DELETE SET NULL (deal_id)`,
    );
    await q.query(
      `CREATE INDEX interactions_deal_idx ON interactions (company_id, deal_id, occurred_at DESC, id)
         WHERE deal_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['interactions', 'notes']) {
      await q.query(`DROP INDEX ${table}_deal_idx`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_deal_fkey`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN deal_id`);
    }
  }
}
