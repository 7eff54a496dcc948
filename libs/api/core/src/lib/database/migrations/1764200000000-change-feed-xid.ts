import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The integration feed's position becomes the writing transaction's id instead of a sequence value,
 * so that writers of one company no longer queue behind each other.
 *
 * Before: `change_seq` (one sequence, taken per row) ordered the feed, and since values are taken
 * before commit, every writer of a company held the company's write lock to commit in sequence order
 * — one writer per company at a time, whatever the number of cores.
 *
 * Now: `change_xid` is the id of the transaction that last wrote the row (`pg_current_xact_id()`,
 * 64-bit, never wraps), on insert (default) and on every update (`crm_touch_row`). The feed reads in
 * (change_xid, id) order and returns only rows whose transaction is older than the oldest one still
 * running (`pg_snapshot_xmin(pg_current_snapshot())`): every transaction below that line has ended,
 * and every transaction that ends later has a larger id, so a row that commits later always lands
 * after any cursor already returned — with any number of concurrent writers. The price is latency,
 * not correctness: a long write transaction holds the feed's newest rows back until it ends.
 *
 * Writers still take the company's write lock, now shared among themselves: only the analytics
 * rebuild takes it alone. Existing rows get id 0 and keep their place among themselves by id.
 * Cursors of the old format are refused with a 400 asking to read the feed again from the start.
 */
export class ChangeFeedXid1764200000000 implements MigrationInterface {
  name = 'ChangeFeedXid1764200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['clients', 'sales']) {
      // A constant default fills existing rows without rewriting the table; new rows get their own.
      await q.query(`ALTER TABLE ${table} ADD COLUMN change_xid xid8 NOT NULL DEFAULT '0'`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN change_xid SET DEFAULT pg_current_xact_id()`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN change_seq`); // drops ${table}_company_change_idx with it
      await q.query(`CREATE INDEX ${table}_company_change_idx ON ${table} (company_id, change_xid, id)`);
    }
    await q.query(`
      CREATE OR REPLACE FUNCTION crm_touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.change_xid := pg_current_xact_id();
        NEW.updated_at := now();
        RETURN NEW;
      END
      $$`);
    await q.query(`DROP SEQUENCE crm_change_seq`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE crm_change_seq`);
    await q.query(`
      CREATE OR REPLACE FUNCTION crm_touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.change_seq := nextval('crm_change_seq');
        NEW.updated_at := now();
        RETURN NEW;
      END
      $$`);
    for (const table of ['clients', 'sales']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN change_seq bigint`);
      // The feed's order kept (by transaction, then id); no trigger may touch updated_at or the rollups.
      await q.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
      await q.query(`
        UPDATE ${table} t SET change_seq = o.seq
          FROM (SELECT id, row_number() OVER (ORDER BY change_xid, id) AS seq FROM ${table}) o
         WHERE t.id = o.id`);
      await q.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN change_seq SET DEFAULT nextval('crm_change_seq')`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN change_seq SET NOT NULL`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN change_xid`); // drops the new index
      await q.query(`CREATE INDEX ${table}_company_change_idx ON ${table} (company_id, change_seq, id)`);
    }
    await q.query(`
      SELECT setval('crm_change_seq', greatest(
        (SELECT coalesce(max(change_seq), 0) FROM clients), (SELECT coalesce(max(change_seq), 0) FROM sales), 1))`);
  }
}
